"""The process runtime: data loading and caches, the configuration store, files and
allowed roots, settings sources, logging, metrics and the model client with its breaker.

May import core only.
"""
