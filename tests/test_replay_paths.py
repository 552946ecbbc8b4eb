"""A trace replays where the files it executed are gone or sit next to
ones that are: the replay makes the missing paths again inside its own
mount namespace (an overlay of their nearest existing directory) and
binds the trace's copies over every executed path, in an order that works
whatever the order of the execs was. The program is a shell script that
writes a second script into a scratch directory beside its own, runs it
and deletes it, as test harnesses and build tools do."""
import shutil
import textwrap

import pytest

REPLAYS = 3

# One helper is run through a path with "..", one through the plain path.
MAIN = textwrap.dedent("""\
    #!/bin/sh
    here=$(dirname "$0")
    top=$(cd "$here/.." && pwd)
    for d in "$here/../scratch" "$top/scratch2"; do
        mkdir -p "$d"
        printf '#!/bin/sh\\necho "helper says $1"\\n' > "$d/helper.sh"
        chmod +x "$d/helper.sh"
        "$d/helper.sh" one
        "$d/helper.sh" two
        rm -rf "$d"
    done
    echo "main done"
    """)


@pytest.mark.parametrize("after", ["program_kept", "program_removed"])
def test_replay_remakes_deleted_script_beside_executed_one(heisen, checks, tmp_path, after):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    main = bindir / "main.sh"
    main.write_text(MAIN)
    main.chmod(0o755)
    rec = heisen.record(main)
    checks.no_crash(rec)
    assert rec.returncode == 0, rec.stderr.decode(errors="replace")
    assert rec.stdout == b"helper says one\nhelper says two\n" * 2 + b"main done\n", rec.stdout
    assert not (tmp_path / "scratch").exists()
    if after == "program_removed":
        shutil.rmtree(bindir)
    for i in range(REPLAYS):
        checks.same_run(heisen.replay(rec.trace), rec, f"replay {i + 1}")
    assert not (tmp_path / "scratch").exists(), "the replay wrote to the real disk"
    assert not (tmp_path / "scratch2").exists(), "the replay wrote to the real disk"
