"""The conformance corpus (tests/corpus; its format is in corpus.py): every
program, written here to exercise one mechanism or running a real program
from Debian as its users do, is recorded once and replayed three times;
each replay must give the recording's stdout, stderr and exit status byte
for byte. Native runs show that a deterministic program's recording did
not change what it does, and that a nondeterministic one's output really
varies. Two recordings run at a time, each pinned to its own CPU."""
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
import corpus  # noqa: E402

PROGRAMS = corpus.discover()
MIN_PROGRAMS = 200


@pytest.fixture(scope="session")
def corpus_results(heisen_bin, tmp_path_factory):
    missing = [p.id for p in PROGRAMS if not os.access(p.path, os.X_OK)]
    if missing:
        pytest.fail(f"corpus programs not built (make corpus): {missing[:5]}", pytrace=False)
    return corpus.run_all(heisen_bin, tmp_path_factory.mktemp("corpus"), PROGRAMS)


def test_corpus_size():
    """At least 200 programs, in every area."""
    assert len(PROGRAMS) >= MIN_PROGRAMS, f"only {len(PROGRAMS)} corpus programs"
    assert {p.area for p in PROGRAMS} == set(corpus.AREAS)


@pytest.mark.parametrize("prog", PROGRAMS, ids=lambda p: p.id)
def test_corpus(corpus_results, prog):
    v = corpus_results[prog.id]
    assert v.ok, f"{prog.id} ({prog.source}):\n" + "\n".join(v.problems)
