"""Text rules every stage shares (ingest, answer, ground, the UI, eval): plain regular
expressions, no models and no heavy imports, so the earliest stage can use them too."""
