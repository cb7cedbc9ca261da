// Copies reveal.js (an npm devDependency) into the Python package at build time, so the
// presentation export inlines it and the HTML file it writes loads nothing from a CDN
// (nbconvert's reveal template takes reveal.js from unpkg; nbconvert does not ship it).
// The copy is build output: git-ignored, put into the wheel as a hatch artifact.
const fs = require('fs');
const path = require('path');

const source = path.dirname(require.resolve('reveal.js/package.json'));
const target = path.join(__dirname, '..', 'nerdup_lab', 'vendor', 'reveal');
const files = [
  'dist/reveal.js',
  'dist/reveal.css',
  'dist/theme/white.css',
  'dist/theme/black.css',
  'LICENSE',
  'package.json'
];
fs.mkdirSync(target, { recursive: true });
for (const file of files) {
  fs.copyFileSync(path.join(source, file), path.join(target, path.basename(file)));
}
