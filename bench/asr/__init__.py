"""An evaluation set whose errors are a real recogniser's: espeak-ng speech, Whisper text."""
