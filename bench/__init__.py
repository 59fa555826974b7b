"""Quality and speed measured: the golden-set evaluation and the throughput benchmark."""

__all__: list[str] = []
