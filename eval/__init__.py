"""Evaluation harness: gold questions, metrics and the runner that scores the pipeline."""
