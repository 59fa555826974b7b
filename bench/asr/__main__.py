"""`python -m bench.asr`: build (or read from the cache) the ASR set and score the engine."""

import sys

from bench.asr.eval import main

sys.exit(main())
