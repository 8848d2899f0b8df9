"""A web page of 800 KB of empty table rows is read in seconds (issue 16: such a page sent to
the recommendation checker took 141 seconds, and the server answered no one else meanwhile).

The page is read in a child process with a time limit, so that the defect, if it came back,
fails this test instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

# Generous: the page is read in under a second (plus the child's start-up); the defect took
# minutes, growing with the square of the page's length.
SECONDS = 15

_READ = (
    "import sys\n"
    "from casereview.analysis import read_document\n"
    "document = read_document(sys.stdin.buffer.read(), 'page.html', max_bytes=2**24)\n"
    "print(document.page_count)\n"
)


def _table_of_empty_rows(size: int) -> bytes:
    head = "<html><body><table><tr><td>Recommendation</td><td>Lead agency</td></tr>"
    tail = "</table><p>The table ends here.</p></body></html>"
    rows = "<tr> </tr>" * ((size - len(head) - len(tail)) // len("<tr> </tr>"))
    return (head + rows + tail).encode("ascii")


def test_it_reads_an_800_kb_table_of_empty_rows_in_seconds() -> None:
    page = _table_of_empty_rows(800 * 1024)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _READ],
            input=page,
            capture_output=True,
            timeout=SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading an 800 KB web page took more than {SECONDS} seconds")
    assert done.returncode == 0, done.stderr.decode()
    assert int(done.stdout) >= 1
