"""The compliance floor: who acts, signed and approved recordings, a tamper-evident audit trail.

Core code: the CLI and the GUI call the same functions, so a refusal reads the same in both.
"""
