"""``python -m lumbar`` runs the command line, exactly as the ``lumbar`` command does."""

from lumbar.cli._process import run

if __name__ == "__main__":
    run()
