"""The routine file format: ``routine.yaml`` in a recording folder, read and written round-trip."""

from deskpilot.format.images import check_images
from deskpilot.format.keys import KEY_NAMES
from deskpilot.format.loader import ROUTINE_FILE, LoadedRoutine, load_routine, render, save_routine, validate_document
from deskpilot.format.writer import dump_new_routine

__all__ = ["KEY_NAMES", "ROUTINE_FILE", "LoadedRoutine", "check_images", "dump_new_routine", "load_routine",
           "render", "save_routine", "validate_document"]
