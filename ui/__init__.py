"""The web chat (Gradio) over the rag library: `rag serve`, or ui.app.launch(assistant)."""
