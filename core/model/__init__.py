"""The optional model stage against a backend interface: protocol, validation,
resilience (retry, circuit breaker) and the stage itself. Network clients live in
server.runtime; this package only sees the ModelBackend protocol.
"""
