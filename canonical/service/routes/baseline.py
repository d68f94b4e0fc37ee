"""The benchmark's baseline: a bare FastAPI endpoint typing its body as the canonical model.

This is the quick path the service exists to replace (types checked, business rules not,
errors without rule ids); it is mounted only for ``make bench`` (``baseline=True``), behind
the same middleware, so the benchmark's ratio is the price of the contract.
"""

from __future__ import annotations

from fastapi import APIRouter

from canonical.models import ProductionOrder

router = APIRouter(include_in_schema=False)


@router.post("/v1/baseline/production-orders")
async def baseline(order: ProductionOrder) -> dict[str, str]:
    return {"id": order.id}
