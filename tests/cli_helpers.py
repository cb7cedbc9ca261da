"""Running `jupyter nerdup ...` in tests: in process through `main`, output captured."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nerdup_lab.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], db_url: str) -> None:
        self.capsys = capsys
        self.db_url = db_url

    def __call__(self, *args: str, db: bool = True) -> Result:
        argv = [*args, f"--db-url={self.db_url}"] if db else list(args)
        self.capsys.readouterr()
        code = main(argv)
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.code == 0, result.err
        return result


@pytest.fixture
def isolated_config(tmp_path, monkeypatch):
    """A Jupyter config and data directory of the test's own."""
    config = tmp_path / "jupyter-config"
    config.mkdir()
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(config))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    return config
