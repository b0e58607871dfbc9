"""The routine file format: ``routine.yaml`` in a recording folder, read and written round-trip."""

from deskpilot.format.loader import ROUTINE_FILE, LoadedRoutine, load_routine, save_routine, validate_document
from deskpilot.format.writer import dump_new_routine

__all__ = ["ROUTINE_FILE", "LoadedRoutine", "dump_new_routine", "load_routine", "save_routine", "validate_document"]
