"""Presentation layer: page frame, language, cached data access, figures and exports.

Pages call into this package; this package calls :mod:`imc_data`; never the reverse.
"""
