// webpack and jest both resolve `require` of a JSON file at build/test time.
declare function require(id: string): any;
