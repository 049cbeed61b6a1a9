"""spamtools.py - the README's Autotools example: a pure-Python module,
installed by python_PYTHON into pythondir, beside spam in pyexecdir."""
import spam


def describe():
    return 'spam, built ' + spam.build()
