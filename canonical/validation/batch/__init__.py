"""Batch suites: validate whole extracts with Great Expectations, on pandas or Spark.
"""
