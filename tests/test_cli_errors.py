"""What a new user meets at the command line: a mistake is one line and exit status 2, never a traceback;
failures are named even with --quiet; help speaks plainly; the end-of-run work is said."""
import pytest
from typer.testing import CliRunner

from rasid.cli import app

TEXT = "قصفت قوات النظام بقذائف المدفعية بلدة اللطامنة بريف حماة الشمالي."


@pytest.fixture
def files(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(TEXT, encoding="utf-8")
    notadb = tmp_path / "notes.db"
    notadb.write_text("not a database\n", encoding="utf-8")
    return tmp_path, src, notadb


def _one_line_error(r, *words):
    assert r.exit_code == 2, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and all(w in lines[0] for w in words), r.output


def test_db_that_is_a_folder_or_no_database(files):
    tmp, src, notadb = files
    cli = CliRunner()
    _one_line_error(cli.invoke(app, ["run", str(src), "--out", str(tmp / "o"), "--db", str(tmp)]), "a folder")
    for cmd in (["export", "--out", str(tmp / "x")], ["reconcile"], ["control", "الباغوز"], ["check", TEXT]):
        _one_line_error(cli.invoke(app, cmd + ["--db", str(tmp)]), "a folder")
        _one_line_error(cli.invoke(app, cmd + ["--db", str(notadb)]), "cannot open the store")


def test_out_that_is_a_file(files):
    tmp, src, notadb = files
    cli = CliRunner()
    _one_line_error(cli.invoke(app, ["run", str(src), "--out", str(src)]), "a file, not a folder")
    r = cli.invoke(app, ["run", str(src), "--out", str(tmp / "o"), "--quiet"])
    assert r.exit_code == 0, r.output
    _one_line_error(cli.invoke(app, ["export", "--db", str(tmp / "o" / "rasid.db"), "--out", str(src)]), "a file")


def test_check_an_empty_or_english_claim(files):
    tmp, src, _ = files
    cli = CliRunner()
    assert cli.invoke(app, ["run", str(src), "--out", str(tmp / "o"), "--quiet"]).exit_code == 0
    db = str(tmp / "o" / "rasid.db")
    _one_line_error(cli.invoke(app, ["check", "", "--db", db]), "empty")
    _one_line_error(cli.invoke(app, ["check", "The army shelled the town of Latamneh today.", "--db", db]), "Arabic")


def test_serve_with_a_wrong_gazetteer(files):
    tmp, src, _ = files
    cli = CliRunner()
    assert cli.invoke(app, ["run", str(src), "--out", str(tmp / "o"), "--quiet"]).exit_code == 0
    r = cli.invoke(app, ["serve", "--db", str(tmp / "o" / "rasid.db"), "--gazetteer", str(tmp / "nope")])
    _one_line_error(r, "nope: no such file or folder")


def test_quiet_run_still_names_its_failures(files):
    tmp, src, _ = files
    (tmp / "in").mkdir()
    (tmp / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp / "in" / "english.txt").write_text("The army shelled the town today, killing three civilians.", encoding="utf-8")
    r = CliRunner().invoke(app, ["run", str(tmp / "in"), "--out", str(tmp / "o"), "--quiet"])
    assert r.exit_code == 1
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("failed ") and "english.txt" in lines[0] and "not Arabic" in lines[0]


def test_help_names_kinds_not_python_types():
    for cmd in (["run"], ["serve"], ["gazetteer", "fetch"], []):
        out = CliRunner().invoke(app, cmd + ["--help"], terminal_width=200).output
        assert "<bool>" not in out and "<str>" not in out and "list[" not in out, out
    out = CliRunner().invoke(app, ["run", "--help"], terminal_width=200).output
    assert "PATH" in out and "TEXT" in out


def test_fetch_from_a_folder_or_nowhere(tmp_path, monkeypatch):
    monkeypatch.setenv("RASID_CACHE", str(tmp_path / "cache"))
    cli = CliRunner()
    _one_line_error(cli.invoke(app, ["gazetteer", "fetch", "SY", "--base-url", str(tmp_path / "nowhere")]), "nor a folder")
    r = cli.invoke(app, ["gazetteer", "fetch", "SY", "--base-url", str(tmp_path)])  # a folder without the dumps
    assert r.exit_code == 1 and (r.exception is None or isinstance(r.exception, SystemExit))
    assert len(r.output.strip().splitlines()) == 1 and "could not download file://" in r.output, r.output


def test_run_says_when_it_reconciles(files):
    from rasid import get_pipeline
    from rasid.runner import run
    from rasid.store import Store

    tmp, src, _ = files
    steps, read = [], []
    run([str(src)], Store(tmp / "r.db"), get_pipeline(), on_progress=read.append, on_step=steps.append)
    assert read == [str(src)] and steps == ["reconciling"]
