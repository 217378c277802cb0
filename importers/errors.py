"""Domain errors of the importers, each with the HTTP status an API maps it to."""


class ImportFailed(Exception):
    """An import that wrote nothing. The message names the file / row and says what to do next.

    `run` is the failed ImportRun when one was recorded (None for errors found before a run exists).
    """

    status_code = 400

    def __init__(self, message: str, *, run=None):
        super().__init__(message)
        self.run = run


class UnknownImporter(ImportFailed):
    """A name that is not in the importer registry."""

    status_code = 404
