"""The benchmark's baseline: bare FastAPI endpoints typing their body as a canonical model.

This is the quick path the service exists to replace (types checked, business rules not,
errors without rule ids); it is mounted only for ``make bench`` (``baseline=True``), behind
the same middleware, so the benchmark's ratio is the price of the contract.
"""

from __future__ import annotations

from fastapi import APIRouter

from canonical.models import InventoryTransaction, Lot, Operation, ProductionOrder, QualityResult

router = APIRouter(include_in_schema=False)


@router.post("/v1/baseline/ProductionOrder")
async def production_order(body: ProductionOrder) -> dict[str, str]:
    return {"id": body.id}


@router.post("/v1/baseline/Operation")
async def operation(body: Operation) -> dict[str, str]:
    return {"id": str(body.sequence)}


@router.post("/v1/baseline/InventoryTransaction")
async def inventory_transaction(body: InventoryTransaction) -> dict[str, str]:
    return {"id": body.id}


@router.post("/v1/baseline/Lot")
async def lot(body: Lot) -> dict[str, str]:
    return {"id": body.id}


@router.post("/v1/baseline/QualityResult")
async def quality_result(body: QualityResult) -> dict[str, str]:
    return {"id": body.id}
