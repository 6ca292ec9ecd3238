"""The CLI, driven through a subprocess for every behaviour and error."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

SPUN = "Officials said {that a} deal is near.\n"
FIXED = "Officials said that a deal is near.\n"


def run(*args, stdin: str | bytes | None = None):
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "textmend.cli", *map(str, args)], input=data,
                          capture_output=True)


def test_stdin_to_stdout():
    r = run(stdin=SPUN)
    assert r.returncode == 0 and r.stdout.decode() == FIXED


def test_files_and_output_file(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(SPUN)
    out = tmp_path / "out.txt"
    r = run(src, "-o", out)
    assert r.returncode == 0 and out.read_text() == FIXED and src.read_text() == SPUN


def test_several_files_concatenate_in_order(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("plain one\n")
    b.write_text(SPUN)
    assert run(a, b).stdout.decode() == "plain one\n" + FIXED


def test_in_place_rewrites_and_keeps_mode(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text(SPUN)
    os.chmod(src, 0o640)
    assert run("--in-place", src).returncode == 0
    assert src.read_text() == FIXED
    assert (os.stat(src).st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_crlf_and_bom_preserved(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_bytes("\ufeffplain\r\nsaid {that a} x\r\n".encode())
    r = run(src)
    assert r.stdout == "\ufeffplain\r\nsaid that a x\r\n".encode()


def test_diff():
    r = run("--diff", stdin=SPUN)
    out = r.stdout.decode()
    assert r.returncode == 0
    assert "-Officials said {that a} deal is near." in out and "+" + FIXED.strip() in out


def test_json_reports_edits_with_offsets():
    r = run("--json", stdin=SPUN)
    obj = json.loads(r.stdout)
    (e,) = obj["edits"]
    assert SPUN[e["start"]:e["end"]] == e["original"] == "{that a}"
    assert obj["text"] == FIXED and 0 <= obj["score"] <= 1


def test_explain_is_readable():
    out = run("--explain", stdin=SPUN).stdout.decode()
    assert "<stdin>:1:16:" in out and "'{that a}' -> 'that a'" in out and "spintax" in out


def test_check_exit_codes():
    assert run("--check", stdin="A perfectly ordinary sentence.\n").returncode == 0
    r = run("--check", "--threshold", "0.3", stdin=SPUN)
    assert r.returncode == 1 and b"spun" in r.stdout


def test_jsonl_field_others_untouched_and_bad_lines_reported():
    lines = ['{"id": 1, "body": "x {that a} y", "n": 1.50}', "not json", '{"id": 2}',
             '{"id":3,"body":"clean"}']
    r = run("--jsonl", "--field", "body", stdin="\n".join(lines) + "\n")
    out = r.stdout.decode().splitlines()
    # Only the field's value changes; spacing, key order and number formats stay byte for byte.
    assert out[0] == '{"id": 1, "body": "x that a y", "n": 1.50}'
    assert out[1:] == lines[1:]  # bad and unchanged lines copied byte for byte
    err = r.stderr.decode()
    assert "line 2" in err and "line 3" in err and r.returncode == 1


def test_jsonl_splices_only_the_top_level_field():
    line = '{ "a" : {"body": "nested {that a} x"} ,"body" : "p {that a} q", "z": "\\u00e9" }\n'
    r = run("--jsonl", "--field", "body", stdin=line)
    assert r.returncode == 0
    assert r.stdout.decode() == line.replace('"p {that a} q"', '"p that a q"')


def test_jobs_same_output_as_serial(tmp_path):
    files = []
    for k in range(4):
        p = tmp_path / f"f{k}.txt"
        p.write_text(f"doc {k} said {{that a}} thing\n")
        files.append(p)
    assert run("--jobs", "2", *files).stdout == run(*files).stdout


def test_quiet_and_no_progress_when_not_a_tty():
    r = run("--quiet", stdin=SPUN)
    assert r.returncode == 0 and r.stderr == b""
    assert run(stdin=SPUN).stderr == b""


@pytest.mark.parametrize("setup, needle", [
    ("missing", "no such file"), ("directory", "is a directory"), ("binary", "binary input"),
    ("badutf8", "invalid UTF-8 at byte offset 4"),
])
def test_input_errors_one_line_exit_2_no_output(tmp_path, setup, needle):
    path = tmp_path / "input"
    if setup == "directory":
        path.mkdir()
    elif setup == "binary":
        path.write_bytes(b"abc\x00\x01\x02")
    elif setup == "badutf8":
        path.write_bytes(b"abc \xff def")
    out = tmp_path / "out.txt"
    r = run(path, "-o", out)
    err = r.stderr.decode()
    assert r.returncode == 2 and needle in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_permission_denied(tmp_path, monkeypatch, capsys):
    # Runs in-process so it also holds when the suite runs as root (root may read mode-0 files).
    from textmend import cli

    p = tmp_path / "secret.txt"
    p.write_text("x")
    monkeypatch.setattr(cli.os, "access", lambda path, mode: False)
    assert cli.main([str(p)]) == 2
    err = capsys.readouterr().err
    assert "permission denied" in err and err.count("\n") == 1


def test_errors_replace_proceeds(tmp_path):
    path = tmp_path / "input"
    path.write_bytes(b"abc \xff def\n")
    r = run("--errors", "replace", path)
    assert r.returncode == 0 and r.stdout.decode() == "abc \ufffd def\n"


def test_in_place_failure_leaves_input_intact(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(SPUN)
    bad.write_bytes(b"\xff\xfe")
    r = run("--in-place", good, bad)
    assert r.returncode == 2 and good.read_text() == SPUN


def test_usage_errors_exit_2():
    assert run("-o", "x", "a", "b").returncode == 2
    assert run("--in-place").returncode == 2
    assert run("--aggressiveness", "5", stdin="x").returncode == 2


def test_progress_bar_only_on_a_terminal(tmp_path):
    import pty

    lines = "".join(json.dumps({"text": f"line {k} said {{that a}} x"}) + "\n" for k in range(60))
    src = tmp_path / "in.jsonl"
    src.write_text(lines)
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "textmend.cli", "--jsonl", str(src)],
                              stdout=subprocess.PIPE, stderr=slave, timeout=120)
        os.close(slave)
        err = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
    finally:
        os.close(master)
    assert proc.returncode == 0 and b"60/60 lines" in err
    quiet = run("--jsonl", "--quiet", src)
    assert quiet.returncode == 0 and quiet.stderr == b""


def test_field_span_finds_the_value_in_any_object():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from textmend.cli import _field_span

    values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                          lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=4), kids, max_size=3),
                          max_leaves=6)

    @settings(max_examples=200, deadline=None)
    @given(st.dictionaries(st.text(max_size=5), values, max_size=4), st.text(max_size=20),
           st.sampled_from([None, 2, (", ", ": ")]), st.booleans())
    def check(obj, text, indent_or_seps, ascii_only):
        obj = dict(obj, text=text)
        kw = {"separators": indent_or_seps} if isinstance(indent_or_seps, tuple) else {}
        body = json.dumps(obj, ensure_ascii=ascii_only, **kw)
        start, end = _field_span(body, "text")
        assert json.loads(body[start:end]) == text

    check()


def test_python_dash_m_textmend_is_the_cli():
    r = subprocess.run([sys.executable, "-m", "textmend"], input=SPUN.encode(), capture_output=True)
    assert r.returncode == 0 and r.stdout.decode() == FIXED


def test_jsonl_lines_split_only_on_newline_and_errors_leave_no_output(tmp_path):
    # U+2028 is legal raw inside a JSON string; str.splitlines would cut the line there.
    line = '{"text": "first\u2028second {that a} x"}\n'
    r = run("--jsonl", stdin=line)
    assert r.returncode == 0 and r.stdout.decode() == line.replace("{that a}", "that a")
    src = tmp_path / "c.jsonl"
    src.write_bytes(b'{"text": "ok"}\n{"text": "bad \xff"}\n')
    out = tmp_path / "out.jsonl"
    r = run("--jsonl", src, "-o", out)
    assert r.returncode == 2 and b"invalid UTF-8 at byte offset 29" in r.stderr
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["c.jsonl"]
