"""`clipnote batch`: a whole blog repository checked in one run, fast, and fit for CI.

    run.py       the run: find and read the posts, get transcripts, check (in parallel), Ctrl-C
    plan.py      report paths and file names, which posts go to a worker together
    fetch.py     every missing transcript fetched once, in the parent, paced
    pool.py      worker processes, one post at a time: a dead worker costs only its current post
    work.py      checking posts with one Checker per process; workers read only local files
    output.py    index.md, summary.json, report.json, clipnote.sarif, annotations, the summary
    progress.py  a rich bar on a terminal, plain lines elsewhere
"""

from .output import github_annotations, prepare_folder, report_files, summary, terminal_summary
from .progress import Progress
from .run import BatchRun, BatchSettings, run_batch

__all__ = ["BatchRun", "BatchSettings", "Progress", "github_annotations",
           "prepare_folder", "report_files", "run_batch", "summary", "terminal_summary"]
