"""The service's routes, one module per group: process APIs, outbox, reference, health."""
