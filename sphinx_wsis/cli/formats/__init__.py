"""The outputs of ``sphinx-wsis check``, each from one :class:`~..verdict.CheckReport`.

:mod:`.text` (the matrix for people, as plain text), :mod:`.terminal` (the same with colours
and symbols), :mod:`.check_json` (the stable JSON interface), :mod:`.junit` (JUnit XML for CI
test reports) and :mod:`.github` (workflow annotations and the job's step summary).
"""
