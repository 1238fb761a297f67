"""Claim check internals: Arabic terms (:mod:`.terms`), the full-text index of stored reports
(:mod:`.index`) and the stance of one report to one claim (:mod:`.stance`). The entry point is
:func:`rasid.check.check`."""
