# Generated from orchestration-v2.yaml by tools/codegen; run `nox -s generate` after changing the generator.

"""JSON <-> model functions, written out one per schema.

Straight-line code is several times faster than walking field metadata at run time. Each model has two:
``structure_<model>`` reads the usual shape with inline type checks and no bookkeeping, and hands
anything else to ``_checked_structure_<model>``, where ``key`` records the field being read so that a
failure deep inside a body reports its exact JSON path.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from .._codec.model import PENDING, UNSTRUCTURE_HOOKS, as_enum
from .._codec.primitives import (
    DecodeError,
    as_bool,
    as_datetime,
    as_int,
    as_number,
    as_object,
    as_str,
    dict_of,
    dump_datetime,
    list_of,
    missing,
    wrong_type,
)
from .models import (
    V2Account,
    V2AccountResponse,
    V2ActivityAddAccountMetadata,
    V2ActivityConfirmHold,
    V2ActivityCreateTransaction,
    V2ActivityCreateTransactionOutput,
    V2ActivityCreateTransferInitiation,
    V2ActivityCreditWallet,
    V2ActivityDebitWallet,
    V2ActivityDebitWalletOutput,
    V2ActivityGetAccount,
    V2ActivityGetAccountOutput,
    V2ActivityGetPayment,
    V2ActivityGetPaymentOutput,
    V2ActivityGetWallet,
    V2ActivityGetWalletOutput,
    V2ActivityListWallets,
    V2ActivityStripeTransfer,
    V2ActivityVoidHold,
    V2AssetHolder,
    V2Connector,
    V2CreateTransactionResponse,
    V2CreateTransferInitiationRequest,
    V2CreateTransferInitiationRequestType,
    V2CreateTriggerResponse,
    V2CreateWorkflowRequest,
    V2CreateWorkflowResponse,
    V2CreditWalletRequest,
    V2Cursor,
    V2DebitWalletRequest,
    V2DebitWalletResponse,
    V2Error,
    V2ErrorErrorCode,
    V2GetWalletResponse,
    V2GetWorkflowInstanceHistoryResponse,
    V2GetWorkflowInstanceHistoryStageResponse,
    V2GetWorkflowInstanceResponse,
    V2GetWorkflowResponse,
    V2Hold,
    V2LedgerAccountSubject,
    V2ListRunsResponse,
    V2ListRunsResponseCursor,
    V2ListTriggersOccurrencesResponse,
    V2ListTriggersOccurrencesResponseCursor,
    V2ListTriggersResponse,
    V2ListTriggersResponseCursor,
    V2ListWalletsResponse,
    V2ListWalletsResponseCursor,
    V2ListWorkflowsResponse,
    V2ListWorkflowsResponseCursor,
    V2Metadata,
    V2Monetary,
    V2Payment,
    V2PaymentAdjustment,
    V2PaymentMetadata,
    V2PaymentResponse,
    V2PaymentScheme,
    V2PaymentStatus,
    V2PaymentType,
    V2Posting,
    V2PostTransaction,
    V2PostTransactionScript,
    V2ReadTriggerResponse,
    V2RunWorkflowRequest,
    V2RunWorkflowResponse,
    V2ServerInfo,
    V2Stage,
    V2StageDelay,
    V2StageSend,
    V2StageSendDestination,
    V2StageSendDestinationAccount,
    V2StageSendDestinationPayment,
    V2StageSendDestinationPaymentType,
    V2StageSendDestinationWallet,
    V2StageSendSource,
    V2StageSendSourceAccount,
    V2StageSendSourcePayment,
    V2StageSendSourceWallet,
    V2StageStatus,
    V2StageUnknown,
    V2StageWaitEvent,
    V2StripeTransferRequest,
    V2Subject,
    V2SubjectUnknown,
    V2TestTriggerResponse,
    V2Transaction,
    V2Trigger,
    V2TriggerData,
    V2TriggerOccurrence,
    V2TriggerTest,
    V2TriggerTestFilter,
    V2TriggerTestVariablesValue,
    V2Update,
    V2UpdateAccount,
    V2Volume,
    V2Volumes,
    V2Wallet,
    V2WalletSubject,
    V2WalletWithBalances,
    V2WalletWithBalancesBalances,
    V2Workflow,
    V2WorkflowConfig,
    V2WorkflowInstance,
    V2WorkflowInstanceHistory,
    V2WorkflowInstanceHistoryList,
    V2WorkflowInstanceHistoryStage,
    V2WorkflowInstanceHistoryStageInput,
    V2WorkflowInstanceHistoryStageList,
    V2WorkflowInstanceHistoryStageOutput,
)

# Builds a model without its keyword-argument __init__ call (the models have no validators, converters or
# factories: __init__ only sets each attribute, and the fast paths set every one of them).
_new = object.__new__


def structure_v2_account(data: Any) -> V2Account:
    """Decode a ``V2Account`` from its JSON object."""
    try:
        address = data.get("address")
        metadata = data.get("metadata")
        volumes = data.get("volumes")
        effective_volumes = data.get("effectiveVolumes")
        if address is None or type(address) is str:
            obj = _new(V2Account)
            obj.address = address
            obj.metadata = None if metadata is None else dict_of(as_str, metadata)
            obj.volumes = None if volumes is None else structure_v2_volumes(volumes)
            obj.effective_volumes = None if effective_volumes is None else structure_v2_volumes(effective_volumes)
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_account(data)


def _checked_structure_v2_account(data: Any) -> V2Account:
    """Decode a ``V2Account`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "address"
    try:
        value = data.get("address")
        address = None if value is None else as_str(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else dict_of(as_str, value)
        key = "volumes"
        value = data.get("volumes")
        volumes = None if value is None else structure_v2_volumes(value)
        key = "effectiveVolumes"
        value = data.get("effectiveVolumes")
        effective_volumes = None if value is None else structure_v2_volumes(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Account(address=address, metadata=metadata, volumes=volumes, effective_volumes=effective_volumes)


def unstructure_v2_account(obj: V2Account) -> dict[str, Any]:
    """Encode a ``V2Account`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.address is not None:
        data["address"] = obj.address
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    if obj.volumes is not None:
        data["volumes"] = {key: unstructure_v2_volume(item) for key, item in obj.volumes.items()}
    if obj.effective_volumes is not None:
        data["effectiveVolumes"] = {key: unstructure_v2_volume(item) for key, item in obj.effective_volumes.items()}
    return data


def structure_v2_account_response(data: Any) -> V2AccountResponse:
    """Decode a ``V2AccountResponse`` from its JSON object."""
    try:
        data_ = data.get("data")
        obj = _new(V2AccountResponse)
        obj.data = None if data_ is None else structure_v2_account(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_account_response(data)


def _checked_structure_v2_account_response(data: Any) -> V2AccountResponse:
    """Decode a ``V2AccountResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        value = data.get("data")
        data_ = None if value is None else structure_v2_account(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2AccountResponse(data=data_)


def unstructure_v2_account_response(obj: V2AccountResponse) -> dict[str, Any]:
    """Encode a ``V2AccountResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.data is not None:
        data["data"] = unstructure_v2_account(obj.data)
    return data


def structure_v2_activity_add_account_metadata(data: Any) -> V2ActivityAddAccountMetadata:
    """Decode a ``V2ActivityAddAccountMetadata`` from its JSON object."""
    try:
        id = data.get("id")
        ledger = data.get("ledger")
        metadata = data.get("metadata")
        account = data.get("account")
        if (
            (id is None or type(id) is str)
            and (ledger is None or type(ledger) is str)
            and (account is None or type(account) is str)
        ):
            obj = _new(V2ActivityAddAccountMetadata)
            obj.id = id
            obj.ledger = ledger
            obj.metadata = None if metadata is None else dict_of(as_str, metadata)
            obj.account = account
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_activity_add_account_metadata(data)


def _checked_structure_v2_activity_add_account_metadata(data: Any) -> V2ActivityAddAccountMetadata:
    """Decode a ``V2ActivityAddAccountMetadata`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "ledger"
        value = data.get("ledger")
        ledger = None if value is None else as_str(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else dict_of(as_str, value)
        key = "account"
        value = data.get("account")
        account = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ActivityAddAccountMetadata(id=id, ledger=ledger, metadata=metadata, account=account)


def unstructure_v2_activity_add_account_metadata(obj: V2ActivityAddAccountMetadata) -> dict[str, Any]:
    """Encode a ``V2ActivityAddAccountMetadata`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.ledger is not None:
        data["ledger"] = obj.ledger
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    if obj.account is not None:
        data["account"] = obj.account
    return data


def structure_v2_activity_confirm_hold(data: Any) -> V2ActivityConfirmHold:
    """Decode a ``V2ActivityConfirmHold`` from its JSON object."""
    try:
        id = data.get("id")
        if id is None or type(id) is str:
            obj = _new(V2ActivityConfirmHold)
            obj.id = id
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_activity_confirm_hold(data)


def _checked_structure_v2_activity_confirm_hold(data: Any) -> V2ActivityConfirmHold:
    """Decode a ``V2ActivityConfirmHold`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ActivityConfirmHold(id=id)


def unstructure_v2_activity_confirm_hold(obj: V2ActivityConfirmHold) -> dict[str, Any]:
    """Encode a ``V2ActivityConfirmHold`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    return data


def structure_v2_activity_create_transaction(data: Any) -> V2ActivityCreateTransaction:
    """Decode a ``V2ActivityCreateTransaction`` from its JSON object."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "ledger"
    try:
        value = data.get("ledger")
        if value is None:
            value = data.get("Ledger")
        ledger = None if value is None else as_str(value)
        key = "data"
        value = data.get("data")
        if value is None:
            value = data.get("Data")
        data_ = None if value is None else structure_v2_post_transaction(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ActivityCreateTransaction(ledger=ledger, data=data_)


def unstructure_v2_activity_create_transaction(obj: V2ActivityCreateTransaction) -> dict[str, Any]:
    """Encode a ``V2ActivityCreateTransaction`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.ledger is not None:
        data["ledger"] = obj.ledger
    if obj.data is not None:
        data["data"] = unstructure_v2_post_transaction(obj.data)
    return data


def structure_v2_activity_create_transaction_output(data: Any) -> V2ActivityCreateTransactionOutput:
    """Decode a ``V2ActivityCreateTransactionOutput``."""
    return structure_v2_create_transaction_response(data)


def unstructure_v2_activity_create_transaction_output(obj: V2ActivityCreateTransactionOutput) -> Any:
    """Encode a ``V2ActivityCreateTransactionOutput``."""
    return unstructure_v2_create_transaction_response(obj)


def structure_v2_activity_create_transfer_initiation(data: Any) -> V2ActivityCreateTransferInitiation:
    """Decode a ``V2ActivityCreateTransferInitiation``."""
    return structure_v2_create_transfer_initiation_request(data)


def unstructure_v2_activity_create_transfer_initiation(obj: V2ActivityCreateTransferInitiation) -> Any:
    """Encode a ``V2ActivityCreateTransferInitiation``."""
    return unstructure_v2_create_transfer_initiation_request(obj)


def structure_v2_activity_credit_wallet(data: Any) -> V2ActivityCreditWallet:
    """Decode a ``V2ActivityCreditWallet`` from its JSON object."""
    try:
        id = data.get("id")
        data_ = data.get("data")
        if id is None or type(id) is str:
            obj = _new(V2ActivityCreditWallet)
            obj.id = id
            obj.data = None if data_ is None else structure_v2_credit_wallet_request(data_)
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_activity_credit_wallet(data)


def _checked_structure_v2_activity_credit_wallet(data: Any) -> V2ActivityCreditWallet:
    """Decode a ``V2ActivityCreditWallet`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "data"
        value = data.get("data")
        data_ = None if value is None else structure_v2_credit_wallet_request(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ActivityCreditWallet(id=id, data=data_)


def unstructure_v2_activity_credit_wallet(obj: V2ActivityCreditWallet) -> dict[str, Any]:
    """Encode a ``V2ActivityCreditWallet`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.data is not None:
        data["data"] = unstructure_v2_credit_wallet_request(obj.data)
    return data


def structure_v2_activity_debit_wallet(data: Any) -> V2ActivityDebitWallet:
    """Decode a ``V2ActivityDebitWallet`` from its JSON object."""
    try:
        id = data.get("id")
        data_ = data.get("data")
        if id is None or type(id) is str:
            obj = _new(V2ActivityDebitWallet)
            obj.id = id
            obj.data = None if data_ is None else structure_v2_debit_wallet_request(data_)
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_activity_debit_wallet(data)


def _checked_structure_v2_activity_debit_wallet(data: Any) -> V2ActivityDebitWallet:
    """Decode a ``V2ActivityDebitWallet`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "data"
        value = data.get("data")
        data_ = None if value is None else structure_v2_debit_wallet_request(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ActivityDebitWallet(id=id, data=data_)


def unstructure_v2_activity_debit_wallet(obj: V2ActivityDebitWallet) -> dict[str, Any]:
    """Encode a ``V2ActivityDebitWallet`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.data is not None:
        data["data"] = unstructure_v2_debit_wallet_request(obj.data)
    return data


def structure_v2_activity_debit_wallet_output(data: Any) -> V2ActivityDebitWalletOutput:
    """Decode a ``V2ActivityDebitWalletOutput``."""
    return structure_v2_debit_wallet_response(data)


def unstructure_v2_activity_debit_wallet_output(obj: V2ActivityDebitWalletOutput) -> Any:
    """Encode a ``V2ActivityDebitWalletOutput``."""
    return unstructure_v2_debit_wallet_response(obj)


def structure_v2_activity_get_account(data: Any) -> V2ActivityGetAccount:
    """Decode a ``V2ActivityGetAccount`` from its JSON object."""
    try:
        id = data.get("id")
        ledger = data.get("ledger")
        if (id is None or type(id) is str) and (ledger is None or type(ledger) is str):
            obj = _new(V2ActivityGetAccount)
            obj.id = id
            obj.ledger = ledger
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_activity_get_account(data)


def _checked_structure_v2_activity_get_account(data: Any) -> V2ActivityGetAccount:
    """Decode a ``V2ActivityGetAccount`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "ledger"
        value = data.get("ledger")
        ledger = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ActivityGetAccount(id=id, ledger=ledger)


def unstructure_v2_activity_get_account(obj: V2ActivityGetAccount) -> dict[str, Any]:
    """Encode a ``V2ActivityGetAccount`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.ledger is not None:
        data["ledger"] = obj.ledger
    return data


def structure_v2_activity_get_account_output(data: Any) -> V2ActivityGetAccountOutput:
    """Decode a ``V2ActivityGetAccountOutput``."""
    return structure_v2_account_response(data)


def unstructure_v2_activity_get_account_output(obj: V2ActivityGetAccountOutput) -> Any:
    """Encode a ``V2ActivityGetAccountOutput``."""
    return unstructure_v2_account_response(obj)


def structure_v2_activity_get_payment(data: Any) -> V2ActivityGetPayment:
    """Decode a ``V2ActivityGetPayment`` from its JSON object."""
    try:
        id = data.get("id")
        if id is None or type(id) is str:
            obj = _new(V2ActivityGetPayment)
            obj.id = id
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_activity_get_payment(data)


def _checked_structure_v2_activity_get_payment(data: Any) -> V2ActivityGetPayment:
    """Decode a ``V2ActivityGetPayment`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ActivityGetPayment(id=id)


def unstructure_v2_activity_get_payment(obj: V2ActivityGetPayment) -> dict[str, Any]:
    """Encode a ``V2ActivityGetPayment`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    return data


def structure_v2_activity_get_payment_output(data: Any) -> V2ActivityGetPaymentOutput:
    """Decode a ``V2ActivityGetPaymentOutput``."""
    return structure_v2_payment_response(data)


def unstructure_v2_activity_get_payment_output(obj: V2ActivityGetPaymentOutput) -> Any:
    """Encode a ``V2ActivityGetPaymentOutput``."""
    return unstructure_v2_payment_response(obj)


def structure_v2_activity_get_wallet(data: Any) -> V2ActivityGetWallet:
    """Decode a ``V2ActivityGetWallet`` from its JSON object."""
    try:
        id = data.get("id")
        if id is None or type(id) is str:
            obj = _new(V2ActivityGetWallet)
            obj.id = id
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_activity_get_wallet(data)


def _checked_structure_v2_activity_get_wallet(data: Any) -> V2ActivityGetWallet:
    """Decode a ``V2ActivityGetWallet`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ActivityGetWallet(id=id)


def unstructure_v2_activity_get_wallet(obj: V2ActivityGetWallet) -> dict[str, Any]:
    """Encode a ``V2ActivityGetWallet`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    return data


def structure_v2_activity_get_wallet_output(data: Any) -> V2ActivityGetWalletOutput:
    """Decode a ``V2ActivityGetWalletOutput``."""
    return structure_v2_get_wallet_response(data)


def unstructure_v2_activity_get_wallet_output(obj: V2ActivityGetWalletOutput) -> Any:
    """Encode a ``V2ActivityGetWalletOutput``."""
    return unstructure_v2_get_wallet_response(obj)


def structure_v2_activity_list_wallets(data: Any) -> V2ActivityListWallets:
    """Decode a ``V2ActivityListWallets`` from its JSON object."""
    try:
        name = data.get("name")
        if name is None or type(name) is str:
            obj = _new(V2ActivityListWallets)
            obj.name = name
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_activity_list_wallets(data)


def _checked_structure_v2_activity_list_wallets(data: Any) -> V2ActivityListWallets:
    """Decode a ``V2ActivityListWallets`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "name"
    try:
        value = data.get("name")
        name = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ActivityListWallets(name=name)


def unstructure_v2_activity_list_wallets(obj: V2ActivityListWallets) -> dict[str, Any]:
    """Encode a ``V2ActivityListWallets`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.name is not None:
        data["name"] = obj.name
    return data


def structure_v2_activity_stripe_transfer(data: Any) -> V2ActivityStripeTransfer:
    """Decode a ``V2ActivityStripeTransfer``."""
    return structure_v2_stripe_transfer_request(data)


def unstructure_v2_activity_stripe_transfer(obj: V2ActivityStripeTransfer) -> Any:
    """Encode a ``V2ActivityStripeTransfer``."""
    return unstructure_v2_stripe_transfer_request(obj)


def structure_v2_activity_void_hold(data: Any) -> V2ActivityVoidHold:
    """Decode a ``V2ActivityVoidHold`` from its JSON object."""
    try:
        id = data.get("id")
        if id is None or type(id) is str:
            obj = _new(V2ActivityVoidHold)
            obj.id = id
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_activity_void_hold(data)


def _checked_structure_v2_activity_void_hold(data: Any) -> V2ActivityVoidHold:
    """Decode a ``V2ActivityVoidHold`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ActivityVoidHold(id=id)


def unstructure_v2_activity_void_hold(obj: V2ActivityVoidHold) -> dict[str, Any]:
    """Encode a ``V2ActivityVoidHold`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    return data


def structure_v2_asset_holder(data: Any) -> V2AssetHolder:
    """Decode a ``V2AssetHolder`` from its JSON object."""
    try:
        assets = data.get("assets")
        obj = _new(V2AssetHolder)
        obj.assets = None if assets is None else dict_of(as_int, assets)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_asset_holder(data)


def _checked_structure_v2_asset_holder(data: Any) -> V2AssetHolder:
    """Decode a ``V2AssetHolder`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "assets"
    try:
        value = data.get("assets")
        assets = None if value is None else dict_of(as_int, value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2AssetHolder(assets=assets)


def unstructure_v2_asset_holder(obj: V2AssetHolder) -> dict[str, Any]:
    """Encode a ``V2AssetHolder`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.assets is not None:
        data["assets"] = obj.assets
    return data


def structure_v2_create_transaction_response(data: Any) -> V2CreateTransactionResponse:
    """Decode a ``V2CreateTransactionResponse`` from its JSON object."""
    try:
        data_ = data.get("data")
        if data_ is None or type(data_) is list:
            obj = _new(V2CreateTransactionResponse)
            obj.data = None if data_ is None else [_structure_v2_transaction_in_list(item) for item in data_]
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_create_transaction_response(data)


def _checked_structure_v2_create_transaction_response(data: Any) -> V2CreateTransactionResponse:
    """Decode a ``V2CreateTransactionResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        value = data.get("data")
        data_ = None if value is None else list_of(_structure_v2_transaction_in_list, value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2CreateTransactionResponse(data=data_)


def unstructure_v2_create_transaction_response(obj: V2CreateTransactionResponse) -> dict[str, Any]:
    """Encode a ``V2CreateTransactionResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.data is not None:
        data["data"] = [unstructure_v2_transaction(item) for item in obj.data]
    return data


def structure_v2_create_transfer_initiation_request(data: Any) -> V2CreateTransferInitiationRequest:
    """Decode a ``V2CreateTransferInitiationRequest`` from its JSON object."""
    try:
        connector_id = data.get("connectorID")
        provider = data.get("provider")
        amount = data.get("amount")
        asset = data.get("asset")
        destination = data.get("destination")
        source = data.get("source")
        type_ = data.get("type")
        description = data.get("description")
        waiting_validation = data.get("waitingValidation")
        metadata = data.get("metadata")
        if (
            (connector_id is None or type(connector_id) is str)
            and (provider is None or type(provider) is str)
            and (amount is None or type(amount) is int)
            and (asset is None or type(asset) is str)
            and (destination is None or type(destination) is str)
            and (source is None or type(source) is str)
            and (description is None or type(description) is str)
            and (waiting_validation is None or type(waiting_validation) is bool)
            and (metadata is None or type(metadata) is dict)
        ):
            obj = _new(V2CreateTransferInitiationRequest)
            obj.connector_id = connector_id
            obj.provider = provider
            obj.amount = amount
            obj.asset = asset
            obj.destination = destination
            obj.source = source
            obj.type = None if type_ is None else as_enum(V2CreateTransferInitiationRequestType, type_)
            obj.description = description
            obj.waiting_validation = waiting_validation
            obj.metadata = metadata
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_create_transfer_initiation_request(data)


def _checked_structure_v2_create_transfer_initiation_request(data: Any) -> V2CreateTransferInitiationRequest:
    """Decode a ``V2CreateTransferInitiationRequest`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "connectorID"
    try:
        value = data.get("connectorID")
        connector_id = None if value is None else as_str(value)
        key = "provider"
        value = data.get("provider")
        provider = None if value is None else as_str(value)
        key = "amount"
        value = data.get("amount")
        amount = None if value is None else as_int(value)
        key = "asset"
        value = data.get("asset")
        asset = None if value is None else as_str(value)
        key = "destination"
        value = data.get("destination")
        destination = None if value is None else as_str(value)
        key = "source"
        value = data.get("source")
        source = None if value is None else as_str(value)
        key = "type"
        value = data.get("type")
        type_ = None if value is None else as_enum(V2CreateTransferInitiationRequestType, value)
        key = "description"
        value = data.get("description")
        description = None if value is None else as_str(value)
        key = "waitingValidation"
        value = data.get("waitingValidation")
        waiting_validation = None if value is None else as_bool(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else as_object(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2CreateTransferInitiationRequest(
        connector_id=connector_id,
        provider=provider,
        amount=amount,
        asset=asset,
        destination=destination,
        source=source,
        type=type_,
        description=description,
        waiting_validation=waiting_validation,
        metadata=metadata,
    )


def unstructure_v2_create_transfer_initiation_request(obj: V2CreateTransferInitiationRequest) -> dict[str, Any]:
    """Encode a ``V2CreateTransferInitiationRequest`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.connector_id is not None:
        data["connectorID"] = obj.connector_id
    if obj.provider is not None:
        data["provider"] = obj.provider
    if obj.amount is not None:
        data["amount"] = obj.amount
    if obj.asset is not None:
        data["asset"] = obj.asset
    if obj.destination is not None:
        data["destination"] = obj.destination
    if obj.source is not None:
        data["source"] = obj.source
    if obj.type is not None:
        data["type"] = str(obj.type)
    if obj.description is not None:
        data["description"] = obj.description
    if obj.waiting_validation is not None:
        data["waitingValidation"] = obj.waiting_validation
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    return data


def structure_v2_create_trigger_response(data: Any) -> V2CreateTriggerResponse:
    """Decode a ``V2CreateTriggerResponse`` from its JSON object."""
    try:
        data_ = data["data"]
        obj = _new(V2CreateTriggerResponse)
        obj.data = structure_v2_trigger(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_create_trigger_response(data)


def _checked_structure_v2_create_trigger_response(data: Any) -> V2CreateTriggerResponse:
    """Decode a ``V2CreateTriggerResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        data_ = structure_v2_trigger(data["data"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2CreateTriggerResponse(data=data_)


def unstructure_v2_create_trigger_response(obj: V2CreateTriggerResponse) -> dict[str, Any]:
    """Encode a ``V2CreateTriggerResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"data": unstructure_v2_trigger(obj.data)}
    return data


def structure_v2_create_workflow_request(data: Any) -> V2CreateWorkflowRequest:
    """Decode a ``V2CreateWorkflowRequest``."""
    return structure_v2_workflow_config(data)


def unstructure_v2_create_workflow_request(obj: V2CreateWorkflowRequest) -> Any:
    """Encode a ``V2CreateWorkflowRequest``."""
    return unstructure_v2_workflow_config(obj)


def structure_v2_create_workflow_response(data: Any) -> V2CreateWorkflowResponse:
    """Decode a ``V2CreateWorkflowResponse`` from its JSON object."""
    try:
        data_ = data["data"]
        obj = _new(V2CreateWorkflowResponse)
        obj.data = structure_v2_workflow(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_create_workflow_response(data)


def _checked_structure_v2_create_workflow_response(data: Any) -> V2CreateWorkflowResponse:
    """Decode a ``V2CreateWorkflowResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        data_ = structure_v2_workflow(data["data"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2CreateWorkflowResponse(data=data_)


def unstructure_v2_create_workflow_response(obj: V2CreateWorkflowResponse) -> dict[str, Any]:
    """Encode a ``V2CreateWorkflowResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"data": unstructure_v2_workflow(obj.data)}
    return data


def structure_v2_credit_wallet_request(data: Any) -> V2CreditWalletRequest:
    """Decode a ``V2CreditWalletRequest`` from its JSON object."""
    try:
        amount = data.get("amount")
        metadata = data.get("metadata")
        reference = data.get("reference")
        sources = data.get("sources")
        balance = data.get("balance")
        timestamp = data.get("timestamp")
        if (
            (reference is None or type(reference) is str)
            and (balance is None or type(balance) is str)
            and (timestamp is None or (type(timestamp) is str and len(timestamp) > 19))
        ):
            obj = _new(V2CreditWalletRequest)
            obj.amount = None if amount is None else structure_v2_monetary(amount)
            obj.metadata = None if metadata is None else dict_of(as_str, metadata)
            obj.reference = reference
            obj.sources = None if sources is None else list_of(structure_v2_subject, sources)
            obj.balance = balance
            if timestamp is not None:
                obj._raw_timestamp = timestamp
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_credit_wallet_request(data)


def _checked_structure_v2_credit_wallet_request(data: Any) -> V2CreditWalletRequest:
    """Decode a ``V2CreditWalletRequest`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "amount"
    try:
        value = data.get("amount")
        amount = None if value is None else structure_v2_monetary(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else dict_of(as_str, value)
        key = "reference"
        value = data.get("reference")
        reference = None if value is None else as_str(value)
        key = "sources"
        value = data.get("sources")
        sources = None if value is None else list_of(structure_v2_subject, value)
        key = "balance"
        value = data.get("balance")
        balance = None if value is None else as_str(value)
        key = "timestamp"
        value = data.get("timestamp")
        timestamp = None if value is None else as_datetime(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2CreditWalletRequest(
        amount=amount, metadata=metadata, reference=reference, sources=sources, balance=balance, timestamp=timestamp
    )


def unstructure_v2_credit_wallet_request(obj: V2CreditWalletRequest) -> dict[str, Any]:
    """Encode a ``V2CreditWalletRequest`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.amount is not None:
        data["amount"] = unstructure_v2_monetary(obj.amount)
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    if obj.reference is not None:
        data["reference"] = obj.reference
    if obj.sources is not None:
        data["sources"] = [unstructure_v2_subject(item) for item in obj.sources]
    if obj.balance is not None:
        data["balance"] = obj.balance
    if obj.timestamp is not None:
        data["timestamp"] = dump_datetime(obj.timestamp)
    return data


def structure_v2_cursor(data: Any) -> V2Cursor:
    """Decode a ``V2Cursor`` from its JSON object."""
    try:
        page_size = data.get("pageSize")
        has_more = data.get("hasMore")
        previous = data.get("previous")
        next = data.get("next")
        if (
            (page_size is None or type(page_size) is int)
            and (has_more is None or type(has_more) is bool)
            and (previous is None or type(previous) is str)
            and (next is None or type(next) is str)
        ):
            obj = _new(V2Cursor)
            obj.page_size = page_size
            obj.has_more = has_more
            obj.previous = previous
            obj.next = next
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_cursor(data)


def _checked_structure_v2_cursor(data: Any) -> V2Cursor:
    """Decode a ``V2Cursor`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "pageSize"
    try:
        value = data.get("pageSize")
        page_size = None if value is None else as_int(value)
        key = "hasMore"
        value = data.get("hasMore")
        has_more = None if value is None else as_bool(value)
        key = "previous"
        value = data.get("previous")
        previous = None if value is None else as_str(value)
        key = "next"
        value = data.get("next")
        next = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Cursor(page_size=page_size, has_more=has_more, previous=previous, next=next)


def unstructure_v2_cursor(obj: V2Cursor) -> dict[str, Any]:
    """Encode a ``V2Cursor`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.page_size is not None:
        data["pageSize"] = obj.page_size
    if obj.has_more is not None:
        data["hasMore"] = obj.has_more
    if obj.previous is not None:
        data["previous"] = obj.previous
    if obj.next is not None:
        data["next"] = obj.next
    return data


def structure_v2_debit_wallet_request(data: Any) -> V2DebitWalletRequest:
    """Decode a ``V2DebitWalletRequest`` from its JSON object."""
    try:
        amount = data.get("amount")
        pending = data.get("pending")
        metadata = data.get("metadata")
        description = data.get("description")
        destination = data.get("destination")
        balances = data.get("balances")
        timestamp = data.get("timestamp")
        if (
            (pending is None or type(pending) is bool)
            and (description is None or type(description) is str)
            and (timestamp is None or (type(timestamp) is str and len(timestamp) > 19))
        ):
            obj = _new(V2DebitWalletRequest)
            obj.amount = None if amount is None else structure_v2_monetary(amount)
            obj.pending = pending
            obj.metadata = None if metadata is None else dict_of(as_str, metadata)
            obj.description = description
            obj.destination = None if destination is None else structure_v2_subject(destination)
            obj.balances = None if balances is None else list_of(as_str, balances)
            if timestamp is not None:
                obj._raw_timestamp = timestamp
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_debit_wallet_request(data)


def _checked_structure_v2_debit_wallet_request(data: Any) -> V2DebitWalletRequest:
    """Decode a ``V2DebitWalletRequest`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "amount"
    try:
        value = data.get("amount")
        amount = None if value is None else structure_v2_monetary(value)
        key = "pending"
        value = data.get("pending")
        pending = None if value is None else as_bool(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else dict_of(as_str, value)
        key = "description"
        value = data.get("description")
        description = None if value is None else as_str(value)
        key = "destination"
        value = data.get("destination")
        destination = None if value is None else structure_v2_subject(value)
        key = "balances"
        value = data.get("balances")
        balances = None if value is None else list_of(as_str, value)
        key = "timestamp"
        value = data.get("timestamp")
        timestamp = None if value is None else as_datetime(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2DebitWalletRequest(
        amount=amount,
        pending=pending,
        metadata=metadata,
        description=description,
        destination=destination,
        balances=balances,
        timestamp=timestamp,
    )


def unstructure_v2_debit_wallet_request(obj: V2DebitWalletRequest) -> dict[str, Any]:
    """Encode a ``V2DebitWalletRequest`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.amount is not None:
        data["amount"] = unstructure_v2_monetary(obj.amount)
    if obj.pending is not None:
        data["pending"] = obj.pending
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    if obj.description is not None:
        data["description"] = obj.description
    if obj.destination is not None:
        data["destination"] = unstructure_v2_subject(obj.destination)
    if obj.balances is not None:
        data["balances"] = obj.balances
    if obj.timestamp is not None:
        data["timestamp"] = dump_datetime(obj.timestamp)
    return data


def structure_v2_debit_wallet_response(data: Any) -> V2DebitWalletResponse:
    """Decode a ``V2DebitWalletResponse`` from its JSON object."""
    try:
        data_ = data.get("data")
        obj = _new(V2DebitWalletResponse)
        obj.data = None if data_ is None else structure_v2_hold(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_debit_wallet_response(data)


def _checked_structure_v2_debit_wallet_response(data: Any) -> V2DebitWalletResponse:
    """Decode a ``V2DebitWalletResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        value = data.get("data")
        data_ = None if value is None else structure_v2_hold(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2DebitWalletResponse(data=data_)


def unstructure_v2_debit_wallet_response(obj: V2DebitWalletResponse) -> dict[str, Any]:
    """Encode a ``V2DebitWalletResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.data is not None:
        data["data"] = unstructure_v2_hold(obj.data)
    return data


def structure_v2_error(data: Any) -> V2Error:
    """Decode a ``V2Error`` from its JSON object."""
    try:
        error_code = data["errorCode"]
        error_message = data["errorMessage"]
        if type(error_message) is str:
            obj = _new(V2Error)
            obj.error_code = as_enum(V2ErrorErrorCode, error_code)
            obj.error_message = error_message
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_error(data)


def _checked_structure_v2_error(data: Any) -> V2Error:
    """Decode a ``V2Error`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "errorCode"
    try:
        error_code = as_enum(V2ErrorErrorCode, data["errorCode"])
        key = "errorMessage"
        error_message = as_str(data["errorMessage"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Error(error_code=error_code, error_message=error_message)


def unstructure_v2_error(obj: V2Error) -> dict[str, Any]:
    """Encode a ``V2Error`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"errorCode": str(obj.error_code), "errorMessage": obj.error_message}
    return data


def structure_v2_get_wallet_response(data: Any) -> V2GetWalletResponse:
    """Decode a ``V2GetWalletResponse`` from its JSON object."""
    try:
        data_ = data.get("data")
        obj = _new(V2GetWalletResponse)
        obj.data = None if data_ is None else structure_v2_wallet_with_balances(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_get_wallet_response(data)


def _checked_structure_v2_get_wallet_response(data: Any) -> V2GetWalletResponse:
    """Decode a ``V2GetWalletResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        value = data.get("data")
        data_ = None if value is None else structure_v2_wallet_with_balances(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2GetWalletResponse(data=data_)


def unstructure_v2_get_wallet_response(obj: V2GetWalletResponse) -> dict[str, Any]:
    """Encode a ``V2GetWalletResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.data is not None:
        data["data"] = unstructure_v2_wallet_with_balances(obj.data)
    return data


def structure_v2_get_workflow_instance_history_response(data: Any) -> V2GetWorkflowInstanceHistoryResponse:
    """Decode a ``V2GetWorkflowInstanceHistoryResponse`` from its JSON object."""
    try:
        data_ = data["data"]
        obj = _new(V2GetWorkflowInstanceHistoryResponse)
        obj.data = structure_v2_workflow_instance_history_list(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_get_workflow_instance_history_response(data)


def _checked_structure_v2_get_workflow_instance_history_response(data: Any) -> V2GetWorkflowInstanceHistoryResponse:
    """Decode a ``V2GetWorkflowInstanceHistoryResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        data_ = structure_v2_workflow_instance_history_list(data["data"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2GetWorkflowInstanceHistoryResponse(data=data_)


def unstructure_v2_get_workflow_instance_history_response(obj: V2GetWorkflowInstanceHistoryResponse) -> dict[str, Any]:
    """Encode a ``V2GetWorkflowInstanceHistoryResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"data": [unstructure_v2_workflow_instance_history(item) for item in obj.data]}
    return data


def structure_v2_get_workflow_instance_history_stage_response(data: Any) -> V2GetWorkflowInstanceHistoryStageResponse:
    """Decode a ``V2GetWorkflowInstanceHistoryStageResponse`` from its JSON object."""
    try:
        data_ = data["data"]
        obj = _new(V2GetWorkflowInstanceHistoryStageResponse)
        obj.data = structure_v2_workflow_instance_history_stage_list(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_get_workflow_instance_history_stage_response(data)


def _checked_structure_v2_get_workflow_instance_history_stage_response(
    data: Any,
) -> V2GetWorkflowInstanceHistoryStageResponse:
    """Decode a ``V2GetWorkflowInstanceHistoryStageResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        data_ = structure_v2_workflow_instance_history_stage_list(data["data"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2GetWorkflowInstanceHistoryStageResponse(data=data_)


def unstructure_v2_get_workflow_instance_history_stage_response(
    obj: V2GetWorkflowInstanceHistoryStageResponse,
) -> dict[str, Any]:
    """Encode a ``V2GetWorkflowInstanceHistoryStageResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"data": [unstructure_v2_workflow_instance_history_stage(item) for item in obj.data]}
    return data


def structure_v2_get_workflow_instance_response(data: Any) -> V2GetWorkflowInstanceResponse:
    """Decode a ``V2GetWorkflowInstanceResponse`` from its JSON object."""
    try:
        data_ = data["data"]
        obj = _new(V2GetWorkflowInstanceResponse)
        obj.data = structure_v2_workflow_instance(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_get_workflow_instance_response(data)


def _checked_structure_v2_get_workflow_instance_response(data: Any) -> V2GetWorkflowInstanceResponse:
    """Decode a ``V2GetWorkflowInstanceResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        data_ = structure_v2_workflow_instance(data["data"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2GetWorkflowInstanceResponse(data=data_)


def unstructure_v2_get_workflow_instance_response(obj: V2GetWorkflowInstanceResponse) -> dict[str, Any]:
    """Encode a ``V2GetWorkflowInstanceResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"data": unstructure_v2_workflow_instance(obj.data)}
    return data


def structure_v2_get_workflow_response(data: Any) -> V2GetWorkflowResponse:
    """Decode a ``V2GetWorkflowResponse`` from its JSON object."""
    try:
        data_ = data["data"]
        obj = _new(V2GetWorkflowResponse)
        obj.data = structure_v2_workflow(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_get_workflow_response(data)


def _checked_structure_v2_get_workflow_response(data: Any) -> V2GetWorkflowResponse:
    """Decode a ``V2GetWorkflowResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        data_ = structure_v2_workflow(data["data"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2GetWorkflowResponse(data=data_)


def unstructure_v2_get_workflow_response(obj: V2GetWorkflowResponse) -> dict[str, Any]:
    """Encode a ``V2GetWorkflowResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"data": unstructure_v2_workflow(obj.data)}
    return data


def structure_v2_hold(data: Any) -> V2Hold:
    """Decode a ``V2Hold`` from its JSON object."""
    try:
        id = data.get("id")
        wallet_id = data.get("walletID")
        metadata = data.get("metadata")
        description = data.get("description")
        destination = data.get("destination")
        if (
            (id is None or type(id) is str)
            and (wallet_id is None or type(wallet_id) is str)
            and (description is None or type(description) is str)
        ):
            obj = _new(V2Hold)
            obj.id = id
            obj.wallet_id = wallet_id
            obj.metadata = None if metadata is None else dict_of(as_str, metadata)
            obj.description = description
            obj.destination = None if destination is None else structure_v2_subject(destination)
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_hold(data)


def _checked_structure_v2_hold(data: Any) -> V2Hold:
    """Decode a ``V2Hold`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "walletID"
        value = data.get("walletID")
        wallet_id = None if value is None else as_str(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else dict_of(as_str, value)
        key = "description"
        value = data.get("description")
        description = None if value is None else as_str(value)
        key = "destination"
        value = data.get("destination")
        destination = None if value is None else structure_v2_subject(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Hold(id=id, wallet_id=wallet_id, metadata=metadata, description=description, destination=destination)


def unstructure_v2_hold(obj: V2Hold) -> dict[str, Any]:
    """Encode a ``V2Hold`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.wallet_id is not None:
        data["walletID"] = obj.wallet_id
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    if obj.description is not None:
        data["description"] = obj.description
    if obj.destination is not None:
        data["destination"] = unstructure_v2_subject(obj.destination)
    return data


def structure_v2_ledger_account_subject(data: Any) -> V2LedgerAccountSubject:
    """Decode a ``V2LedgerAccountSubject`` from its JSON object."""
    try:
        type_ = data.get("type")
        identifier = data.get("identifier")
        if (type_ is None or type(type_) is str) and (identifier is None or type(identifier) is str):
            obj = _new(V2LedgerAccountSubject)
            obj.type = type_
            obj.identifier = identifier
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_ledger_account_subject(data)


def _checked_structure_v2_ledger_account_subject(data: Any) -> V2LedgerAccountSubject:
    """Decode a ``V2LedgerAccountSubject`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "type"
    try:
        value = data.get("type")
        type_ = None if value is None else as_str(value)
        key = "identifier"
        value = data.get("identifier")
        identifier = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2LedgerAccountSubject(type=type_, identifier=identifier)


def unstructure_v2_ledger_account_subject(obj: V2LedgerAccountSubject) -> dict[str, Any]:
    """Encode a ``V2LedgerAccountSubject`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.type is not None:
        data["type"] = obj.type
    if obj.identifier is not None:
        data["identifier"] = obj.identifier
    return data


def structure_v2_list_runs_response(data: Any) -> V2ListRunsResponse:
    """Decode a ``V2ListRunsResponse`` from its JSON object."""
    try:
        cursor = data["cursor"]
        obj = _new(V2ListRunsResponse)
        obj.cursor = structure_v2_list_runs_response_cursor(cursor)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_list_runs_response(data)


def _checked_structure_v2_list_runs_response(data: Any) -> V2ListRunsResponse:
    """Decode a ``V2ListRunsResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "cursor"
    try:
        cursor = structure_v2_list_runs_response_cursor(data["cursor"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ListRunsResponse(cursor=cursor)


def unstructure_v2_list_runs_response(obj: V2ListRunsResponse) -> dict[str, Any]:
    """Encode a ``V2ListRunsResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"cursor": unstructure_v2_list_runs_response_cursor(obj.cursor)}
    return data


def structure_v2_list_runs_response_cursor(data: Any) -> V2ListRunsResponseCursor:
    """Decode a ``V2ListRunsResponseCursor`` from its JSON object."""
    try:
        has_more = data["hasMore"]
        data_ = data["data"]
        page_size = data.get("pageSize")
        previous = data.get("previous")
        next = data.get("next")
        if (
            type(has_more) is bool
            and type(data_) is list
            and (page_size is None or type(page_size) is int)
            and (previous is None or type(previous) is str)
            and (next is None or type(next) is str)
        ):
            obj = _new(V2ListRunsResponseCursor)
            obj.has_more = has_more
            obj.data = [_structure_v2_workflow_instance_in_list(item) for item in data_]
            obj.page_size = page_size
            obj.previous = previous
            obj.next = next
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_list_runs_response_cursor(data)


def _checked_structure_v2_list_runs_response_cursor(data: Any) -> V2ListRunsResponseCursor:
    """Decode a ``V2ListRunsResponseCursor`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "hasMore"
    try:
        has_more = as_bool(data["hasMore"])
        key = "data"
        data_ = list_of(_structure_v2_workflow_instance_in_list, data["data"])
        key = "pageSize"
        value = data.get("pageSize")
        page_size = None if value is None else as_int(value)
        key = "previous"
        value = data.get("previous")
        previous = None if value is None else as_str(value)
        key = "next"
        value = data.get("next")
        next = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ListRunsResponseCursor(has_more=has_more, data=data_, page_size=page_size, previous=previous, next=next)


def unstructure_v2_list_runs_response_cursor(obj: V2ListRunsResponseCursor) -> dict[str, Any]:
    """Encode a ``V2ListRunsResponseCursor`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {
        "hasMore": obj.has_more,
        "data": [unstructure_v2_workflow_instance(item) for item in obj.data],
    }
    if obj.page_size is not None:
        data["pageSize"] = obj.page_size
    if obj.previous is not None:
        data["previous"] = obj.previous
    if obj.next is not None:
        data["next"] = obj.next
    return data


def structure_v2_list_triggers_occurrences_response(data: Any) -> V2ListTriggersOccurrencesResponse:
    """Decode a ``V2ListTriggersOccurrencesResponse`` from its JSON object."""
    try:
        cursor = data["cursor"]
        obj = _new(V2ListTriggersOccurrencesResponse)
        obj.cursor = structure_v2_list_triggers_occurrences_response_cursor(cursor)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_list_triggers_occurrences_response(data)


def _checked_structure_v2_list_triggers_occurrences_response(data: Any) -> V2ListTriggersOccurrencesResponse:
    """Decode a ``V2ListTriggersOccurrencesResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "cursor"
    try:
        cursor = structure_v2_list_triggers_occurrences_response_cursor(data["cursor"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ListTriggersOccurrencesResponse(cursor=cursor)


def unstructure_v2_list_triggers_occurrences_response(obj: V2ListTriggersOccurrencesResponse) -> dict[str, Any]:
    """Encode a ``V2ListTriggersOccurrencesResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"cursor": unstructure_v2_list_triggers_occurrences_response_cursor(obj.cursor)}
    return data


def structure_v2_list_triggers_occurrences_response_cursor(data: Any) -> V2ListTriggersOccurrencesResponseCursor:
    """Decode a ``V2ListTriggersOccurrencesResponseCursor`` from its JSON object."""
    try:
        has_more = data["hasMore"]
        data_ = data["data"]
        page_size = data.get("pageSize")
        previous = data.get("previous")
        next = data.get("next")
        if (
            type(has_more) is bool
            and type(data_) is list
            and (page_size is None or type(page_size) is int)
            and (previous is None or type(previous) is str)
            and (next is None or type(next) is str)
        ):
            obj = _new(V2ListTriggersOccurrencesResponseCursor)
            obj.has_more = has_more
            obj.data = [_structure_v2_trigger_occurrence_in_list(item) for item in data_]
            obj.page_size = page_size
            obj.previous = previous
            obj.next = next
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_list_triggers_occurrences_response_cursor(data)


def _checked_structure_v2_list_triggers_occurrences_response_cursor(
    data: Any,
) -> V2ListTriggersOccurrencesResponseCursor:
    """Decode a ``V2ListTriggersOccurrencesResponseCursor`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "hasMore"
    try:
        has_more = as_bool(data["hasMore"])
        key = "data"
        data_ = list_of(_structure_v2_trigger_occurrence_in_list, data["data"])
        key = "pageSize"
        value = data.get("pageSize")
        page_size = None if value is None else as_int(value)
        key = "previous"
        value = data.get("previous")
        previous = None if value is None else as_str(value)
        key = "next"
        value = data.get("next")
        next = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ListTriggersOccurrencesResponseCursor(
        has_more=has_more, data=data_, page_size=page_size, previous=previous, next=next
    )


def unstructure_v2_list_triggers_occurrences_response_cursor(
    obj: V2ListTriggersOccurrencesResponseCursor,
) -> dict[str, Any]:
    """Encode a ``V2ListTriggersOccurrencesResponseCursor`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {
        "hasMore": obj.has_more,
        "data": [unstructure_v2_trigger_occurrence(item) for item in obj.data],
    }
    if obj.page_size is not None:
        data["pageSize"] = obj.page_size
    if obj.previous is not None:
        data["previous"] = obj.previous
    if obj.next is not None:
        data["next"] = obj.next
    return data


def structure_v2_list_triggers_response(data: Any) -> V2ListTriggersResponse:
    """Decode a ``V2ListTriggersResponse`` from its JSON object."""
    try:
        cursor = data["cursor"]
        obj = _new(V2ListTriggersResponse)
        obj.cursor = structure_v2_list_triggers_response_cursor(cursor)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_list_triggers_response(data)


def _checked_structure_v2_list_triggers_response(data: Any) -> V2ListTriggersResponse:
    """Decode a ``V2ListTriggersResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "cursor"
    try:
        cursor = structure_v2_list_triggers_response_cursor(data["cursor"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ListTriggersResponse(cursor=cursor)


def unstructure_v2_list_triggers_response(obj: V2ListTriggersResponse) -> dict[str, Any]:
    """Encode a ``V2ListTriggersResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"cursor": unstructure_v2_list_triggers_response_cursor(obj.cursor)}
    return data


def structure_v2_list_triggers_response_cursor(data: Any) -> V2ListTriggersResponseCursor:
    """Decode a ``V2ListTriggersResponseCursor`` from its JSON object."""
    try:
        has_more = data["hasMore"]
        data_ = data["data"]
        page_size = data.get("pageSize")
        previous = data.get("previous")
        next = data.get("next")
        if (
            type(has_more) is bool
            and type(data_) is list
            and (page_size is None or type(page_size) is int)
            and (previous is None or type(previous) is str)
            and (next is None or type(next) is str)
        ):
            obj = _new(V2ListTriggersResponseCursor)
            obj.has_more = has_more
            obj.data = [structure_v2_trigger(item) for item in data_]
            obj.page_size = page_size
            obj.previous = previous
            obj.next = next
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_list_triggers_response_cursor(data)


def _checked_structure_v2_list_triggers_response_cursor(data: Any) -> V2ListTriggersResponseCursor:
    """Decode a ``V2ListTriggersResponseCursor`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "hasMore"
    try:
        has_more = as_bool(data["hasMore"])
        key = "data"
        data_ = list_of(structure_v2_trigger, data["data"])
        key = "pageSize"
        value = data.get("pageSize")
        page_size = None if value is None else as_int(value)
        key = "previous"
        value = data.get("previous")
        previous = None if value is None else as_str(value)
        key = "next"
        value = data.get("next")
        next = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ListTriggersResponseCursor(
        has_more=has_more, data=data_, page_size=page_size, previous=previous, next=next
    )


def unstructure_v2_list_triggers_response_cursor(obj: V2ListTriggersResponseCursor) -> dict[str, Any]:
    """Encode a ``V2ListTriggersResponseCursor`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"hasMore": obj.has_more, "data": [unstructure_v2_trigger(item) for item in obj.data]}
    if obj.page_size is not None:
        data["pageSize"] = obj.page_size
    if obj.previous is not None:
        data["previous"] = obj.previous
    if obj.next is not None:
        data["next"] = obj.next
    return data


def structure_v2_list_wallets_response(data: Any) -> V2ListWalletsResponse:
    """Decode a ``V2ListWalletsResponse`` from its JSON object."""
    try:
        cursor = data.get("cursor")
        obj = _new(V2ListWalletsResponse)
        obj.cursor = None if cursor is None else structure_v2_list_wallets_response_cursor(cursor)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_list_wallets_response(data)


def _checked_structure_v2_list_wallets_response(data: Any) -> V2ListWalletsResponse:
    """Decode a ``V2ListWalletsResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "cursor"
    try:
        value = data.get("cursor")
        cursor = None if value is None else structure_v2_list_wallets_response_cursor(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ListWalletsResponse(cursor=cursor)


def unstructure_v2_list_wallets_response(obj: V2ListWalletsResponse) -> dict[str, Any]:
    """Encode a ``V2ListWalletsResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.cursor is not None:
        data["cursor"] = unstructure_v2_list_wallets_response_cursor(obj.cursor)
    return data


def structure_v2_list_wallets_response_cursor(data: Any) -> V2ListWalletsResponseCursor:
    """Decode a ``V2ListWalletsResponseCursor`` from its JSON object."""
    try:
        page_size = data.get("pageSize")
        has_more = data.get("hasMore")
        previous = data.get("previous")
        next = data.get("next")
        data_ = data.get("data")
        if (
            (page_size is None or type(page_size) is int)
            and (has_more is None or type(has_more) is bool)
            and (previous is None or type(previous) is str)
            and (next is None or type(next) is str)
            and (data_ is None or type(data_) is list)
        ):
            obj = _new(V2ListWalletsResponseCursor)
            obj.page_size = page_size
            obj.has_more = has_more
            obj.previous = previous
            obj.next = next
            obj.data = None if data_ is None else [structure_v2_wallet(item) for item in data_]
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_list_wallets_response_cursor(data)


def _checked_structure_v2_list_wallets_response_cursor(data: Any) -> V2ListWalletsResponseCursor:
    """Decode a ``V2ListWalletsResponseCursor`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "pageSize"
    try:
        value = data.get("pageSize")
        page_size = None if value is None else as_int(value)
        key = "hasMore"
        value = data.get("hasMore")
        has_more = None if value is None else as_bool(value)
        key = "previous"
        value = data.get("previous")
        previous = None if value is None else as_str(value)
        key = "next"
        value = data.get("next")
        next = None if value is None else as_str(value)
        key = "data"
        value = data.get("data")
        data_ = None if value is None else list_of(structure_v2_wallet, value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ListWalletsResponseCursor(page_size=page_size, has_more=has_more, previous=previous, next=next, data=data_)


def unstructure_v2_list_wallets_response_cursor(obj: V2ListWalletsResponseCursor) -> dict[str, Any]:
    """Encode a ``V2ListWalletsResponseCursor`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.page_size is not None:
        data["pageSize"] = obj.page_size
    if obj.has_more is not None:
        data["hasMore"] = obj.has_more
    if obj.previous is not None:
        data["previous"] = obj.previous
    if obj.next is not None:
        data["next"] = obj.next
    if obj.data is not None:
        data["data"] = [unstructure_v2_wallet(item) for item in obj.data]
    return data


def structure_v2_list_workflows_response(data: Any) -> V2ListWorkflowsResponse:
    """Decode a ``V2ListWorkflowsResponse`` from its JSON object."""
    try:
        cursor = data["cursor"]
        obj = _new(V2ListWorkflowsResponse)
        obj.cursor = structure_v2_list_workflows_response_cursor(cursor)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_list_workflows_response(data)


def _checked_structure_v2_list_workflows_response(data: Any) -> V2ListWorkflowsResponse:
    """Decode a ``V2ListWorkflowsResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "cursor"
    try:
        cursor = structure_v2_list_workflows_response_cursor(data["cursor"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ListWorkflowsResponse(cursor=cursor)


def unstructure_v2_list_workflows_response(obj: V2ListWorkflowsResponse) -> dict[str, Any]:
    """Encode a ``V2ListWorkflowsResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"cursor": unstructure_v2_list_workflows_response_cursor(obj.cursor)}
    return data


def structure_v2_list_workflows_response_cursor(data: Any) -> V2ListWorkflowsResponseCursor:
    """Decode a ``V2ListWorkflowsResponseCursor`` from its JSON object."""
    try:
        has_more = data["hasMore"]
        data_ = data["data"]
        page_size = data.get("pageSize")
        previous = data.get("previous")
        next = data.get("next")
        if (
            type(has_more) is bool
            and type(data_) is list
            and (page_size is None or type(page_size) is int)
            and (previous is None or type(previous) is str)
            and (next is None or type(next) is str)
        ):
            obj = _new(V2ListWorkflowsResponseCursor)
            obj.has_more = has_more
            obj.data = [_structure_v2_workflow_in_list(item) for item in data_]
            obj.page_size = page_size
            obj.previous = previous
            obj.next = next
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_list_workflows_response_cursor(data)


def _checked_structure_v2_list_workflows_response_cursor(data: Any) -> V2ListWorkflowsResponseCursor:
    """Decode a ``V2ListWorkflowsResponseCursor`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "hasMore"
    try:
        has_more = as_bool(data["hasMore"])
        key = "data"
        data_ = list_of(_structure_v2_workflow_in_list, data["data"])
        key = "pageSize"
        value = data.get("pageSize")
        page_size = None if value is None else as_int(value)
        key = "previous"
        value = data.get("previous")
        previous = None if value is None else as_str(value)
        key = "next"
        value = data.get("next")
        next = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ListWorkflowsResponseCursor(
        has_more=has_more, data=data_, page_size=page_size, previous=previous, next=next
    )


def unstructure_v2_list_workflows_response_cursor(obj: V2ListWorkflowsResponseCursor) -> dict[str, Any]:
    """Encode a ``V2ListWorkflowsResponseCursor`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"hasMore": obj.has_more, "data": [unstructure_v2_workflow(item) for item in obj.data]}
    if obj.page_size is not None:
        data["pageSize"] = obj.page_size
    if obj.previous is not None:
        data["previous"] = obj.previous
    if obj.next is not None:
        data["next"] = obj.next
    return data


def structure_v2_metadata(data: Any) -> V2Metadata:
    """Decode a ``V2Metadata``."""
    return dict_of(as_str, data)


def unstructure_v2_metadata(obj: V2Metadata) -> Any:
    """Encode a ``V2Metadata``."""
    return obj


def structure_v2_monetary(data: Any) -> V2Monetary:
    """Decode a ``V2Monetary`` from its JSON object."""
    try:
        asset = data.get("asset")
        amount = data.get("amount")
        if (asset is None or type(asset) is str) and (amount is None or type(amount) is int):
            obj = _new(V2Monetary)
            obj.asset = asset
            obj.amount = amount
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_monetary(data)


def _checked_structure_v2_monetary(data: Any) -> V2Monetary:
    """Decode a ``V2Monetary`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "asset"
    try:
        value = data.get("asset")
        asset = None if value is None else as_str(value)
        key = "amount"
        value = data.get("amount")
        amount = None if value is None else as_int(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Monetary(asset=asset, amount=amount)


def unstructure_v2_monetary(obj: V2Monetary) -> dict[str, Any]:
    """Encode a ``V2Monetary`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.asset is not None:
        data["asset"] = obj.asset
    if obj.amount is not None:
        data["amount"] = obj.amount
    return data


def structure_v2_payment(data: Any) -> V2Payment:
    """Decode a ``V2Payment`` from its JSON object."""
    try:
        id = data.get("id")
        reference = data.get("reference")
        source_account_id = data.get("sourceAccountID")
        destination_account_id = data.get("destinationAccountID")
        connector_id = data.get("connectorID")
        provider = data.get("provider")
        type_ = data.get("type")
        status = data.get("status")
        initial_amount = data.get("initialAmount")
        scheme = data.get("scheme")
        asset = data.get("asset")
        created_at = data.get("createdAt")
        raw = data.get("raw")
        adjustments = data.get("adjustments")
        metadata = data.get("metadata")
        if (
            (id is None or type(id) is str)
            and (reference is None or type(reference) is str)
            and (source_account_id is None or type(source_account_id) is str)
            and (destination_account_id is None or type(destination_account_id) is str)
            and (connector_id is None or type(connector_id) is str)
            and (initial_amount is None or type(initial_amount) is int)
            and (asset is None or type(asset) is str)
            and (created_at is None or (type(created_at) is str and len(created_at) > 19))
            and (raw is None or type(raw) is dict)
            and (adjustments is None or type(adjustments) is list)
        ):
            obj = _new(V2Payment)
            obj.id = id
            obj.reference = reference
            obj.source_account_id = source_account_id
            obj.destination_account_id = destination_account_id
            obj.connector_id = connector_id
            obj.provider = None if provider is None else as_enum(V2Connector, provider)
            obj.type = None if type_ is None else as_enum(V2PaymentType, type_)
            obj.status = None if status is None else as_enum(V2PaymentStatus, status)
            obj.initial_amount = initial_amount
            obj.scheme = None if scheme is None else as_enum(V2PaymentScheme, scheme)
            obj.asset = asset
            if created_at is not None:
                obj._raw_created_at = created_at
            obj.raw = raw
            obj.adjustments = (
                None if adjustments is None else [structure_v2_payment_adjustment(item) for item in adjustments]
            )
            obj.metadata = None if metadata is None else structure_v2_payment_metadata(metadata)
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_payment(data)


def _checked_structure_v2_payment(data: Any) -> V2Payment:
    """Decode a ``V2Payment`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "reference"
        value = data.get("reference")
        reference = None if value is None else as_str(value)
        key = "sourceAccountID"
        value = data.get("sourceAccountID")
        source_account_id = None if value is None else as_str(value)
        key = "destinationAccountID"
        value = data.get("destinationAccountID")
        destination_account_id = None if value is None else as_str(value)
        key = "connectorID"
        value = data.get("connectorID")
        connector_id = None if value is None else as_str(value)
        key = "provider"
        value = data.get("provider")
        provider = None if value is None else as_enum(V2Connector, value)
        key = "type"
        value = data.get("type")
        type_ = None if value is None else as_enum(V2PaymentType, value)
        key = "status"
        value = data.get("status")
        status = None if value is None else as_enum(V2PaymentStatus, value)
        key = "initialAmount"
        value = data.get("initialAmount")
        initial_amount = None if value is None else as_int(value)
        key = "scheme"
        value = data.get("scheme")
        scheme = None if value is None else as_enum(V2PaymentScheme, value)
        key = "asset"
        value = data.get("asset")
        asset = None if value is None else as_str(value)
        key = "createdAt"
        value = data.get("createdAt")
        created_at = None if value is None else as_datetime(value)
        key = "raw"
        value = data.get("raw")
        raw = None if value is None else as_object(value)
        key = "adjustments"
        value = data.get("adjustments")
        adjustments = None if value is None else list_of(structure_v2_payment_adjustment, value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else structure_v2_payment_metadata(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Payment(
        id=id,
        reference=reference,
        source_account_id=source_account_id,
        destination_account_id=destination_account_id,
        connector_id=connector_id,
        provider=provider,
        type=type_,
        status=status,
        initial_amount=initial_amount,
        scheme=scheme,
        asset=asset,
        created_at=created_at,
        raw=raw,
        adjustments=adjustments,
        metadata=metadata,
    )


def unstructure_v2_payment(obj: V2Payment) -> dict[str, Any]:
    """Encode a ``V2Payment`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.reference is not None:
        data["reference"] = obj.reference
    if obj.source_account_id is not None:
        data["sourceAccountID"] = obj.source_account_id
    if obj.destination_account_id is not None:
        data["destinationAccountID"] = obj.destination_account_id
    if obj.connector_id is not None:
        data["connectorID"] = obj.connector_id
    if obj.provider is not None:
        data["provider"] = str(obj.provider)
    if obj.type is not None:
        data["type"] = str(obj.type)
    if obj.status is not None:
        data["status"] = str(obj.status)
    if obj.initial_amount is not None:
        data["initialAmount"] = obj.initial_amount
    if obj.scheme is not None:
        data["scheme"] = str(obj.scheme)
    if obj.asset is not None:
        data["asset"] = obj.asset
    if obj.created_at is not None:
        data["createdAt"] = dump_datetime(obj.created_at)
    if obj.raw is not None:
        data["raw"] = obj.raw
    if obj.adjustments is not None:
        data["adjustments"] = [unstructure_v2_payment_adjustment(item) for item in obj.adjustments]
    if obj.metadata is not None:
        data["metadata"] = unstructure_v2_payment_metadata(obj.metadata)
    return data


def structure_v2_payment_adjustment(data: Any) -> V2PaymentAdjustment:
    """Decode a ``V2PaymentAdjustment`` from its JSON object."""
    try:
        status = data.get("status")
        amount = data.get("amount")
        date = data.get("date")
        raw = data.get("raw")
        absolute = data.get("absolute")
        if (
            (amount is None or type(amount) is int)
            and (date is None or (type(date) is str and len(date) > 19))
            and (raw is None or type(raw) is dict)
            and (absolute is None or type(absolute) is bool)
        ):
            obj = _new(V2PaymentAdjustment)
            obj.status = None if status is None else as_enum(V2PaymentStatus, status)
            obj.amount = amount
            if date is not None:
                obj._raw_date = date
            obj.raw = raw
            obj.absolute = absolute
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_payment_adjustment(data)


def _checked_structure_v2_payment_adjustment(data: Any) -> V2PaymentAdjustment:
    """Decode a ``V2PaymentAdjustment`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "status"
    try:
        value = data.get("status")
        status = None if value is None else as_enum(V2PaymentStatus, value)
        key = "amount"
        value = data.get("amount")
        amount = None if value is None else as_int(value)
        key = "date"
        value = data.get("date")
        date = None if value is None else as_datetime(value)
        key = "raw"
        value = data.get("raw")
        raw = None if value is None else as_object(value)
        key = "absolute"
        value = data.get("absolute")
        absolute = None if value is None else as_bool(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2PaymentAdjustment(status=status, amount=amount, date=date, raw=raw, absolute=absolute)


def unstructure_v2_payment_adjustment(obj: V2PaymentAdjustment) -> dict[str, Any]:
    """Encode a ``V2PaymentAdjustment`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.status is not None:
        data["status"] = str(obj.status)
    if obj.amount is not None:
        data["amount"] = obj.amount
    if obj.date is not None:
        data["date"] = dump_datetime(obj.date)
    if obj.raw is not None:
        data["raw"] = obj.raw
    if obj.absolute is not None:
        data["absolute"] = obj.absolute
    return data


def structure_v2_payment_metadata(data: Any) -> V2PaymentMetadata:
    """Decode a ``V2PaymentMetadata`` from its JSON object."""
    try:
        key_ = data.get("key")
        if key_ is None or type(key_) is str:
            obj = _new(V2PaymentMetadata)
            obj.key = key_
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_payment_metadata(data)


def _checked_structure_v2_payment_metadata(data: Any) -> V2PaymentMetadata:
    """Decode a ``V2PaymentMetadata`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "key"
    try:
        value = data.get("key")
        key_ = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2PaymentMetadata(key=key_)


def unstructure_v2_payment_metadata(obj: V2PaymentMetadata) -> dict[str, Any]:
    """Encode a ``V2PaymentMetadata`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.key is not None:
        data["key"] = obj.key
    return data


def structure_v2_payment_response(data: Any) -> V2PaymentResponse:
    """Decode a ``V2PaymentResponse`` from its JSON object."""
    try:
        data_ = data.get("data")
        obj = _new(V2PaymentResponse)
        obj.data = None if data_ is None else structure_v2_payment(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_payment_response(data)


def _checked_structure_v2_payment_response(data: Any) -> V2PaymentResponse:
    """Decode a ``V2PaymentResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        value = data.get("data")
        data_ = None if value is None else structure_v2_payment(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2PaymentResponse(data=data_)


def unstructure_v2_payment_response(obj: V2PaymentResponse) -> dict[str, Any]:
    """Encode a ``V2PaymentResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.data is not None:
        data["data"] = unstructure_v2_payment(obj.data)
    return data


def structure_v2_post_transaction(data: Any) -> V2PostTransaction:
    """Decode a ``V2PostTransaction`` from its JSON object."""
    try:
        timestamp = data.get("timestamp")
        postings = data.get("postings")
        script = data.get("script")
        reference = data.get("reference")
        metadata = data.get("metadata")
        if (
            (timestamp is None or (type(timestamp) is str and len(timestamp) > 19))
            and (postings is None or type(postings) is list)
            and (reference is None or type(reference) is str)
        ):
            obj = _new(V2PostTransaction)
            if timestamp is not None:
                obj._raw_timestamp = timestamp
            obj.postings = None if postings is None else [structure_v2_posting(item) for item in postings]
            obj.script = None if script is None else structure_v2_post_transaction_script(script)
            obj.reference = reference
            obj.metadata = None if metadata is None else structure_v2_metadata(metadata)
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_post_transaction(data)


def _checked_structure_v2_post_transaction(data: Any) -> V2PostTransaction:
    """Decode a ``V2PostTransaction`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "timestamp"
    try:
        value = data.get("timestamp")
        timestamp = None if value is None else as_datetime(value)
        key = "postings"
        value = data.get("postings")
        postings = None if value is None else list_of(structure_v2_posting, value)
        key = "script"
        value = data.get("script")
        script = None if value is None else structure_v2_post_transaction_script(value)
        key = "reference"
        value = data.get("reference")
        reference = None if value is None else as_str(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else structure_v2_metadata(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2PostTransaction(
        timestamp=timestamp, postings=postings, script=script, reference=reference, metadata=metadata
    )


def unstructure_v2_post_transaction(obj: V2PostTransaction) -> dict[str, Any]:
    """Encode a ``V2PostTransaction`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.timestamp is not None:
        data["timestamp"] = dump_datetime(obj.timestamp)
    if obj.postings is not None:
        data["postings"] = [unstructure_v2_posting(item) for item in obj.postings]
    if obj.script is not None:
        data["script"] = unstructure_v2_post_transaction_script(obj.script)
    if obj.reference is not None:
        data["reference"] = obj.reference
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    return data


def structure_v2_post_transaction_script(data: Any) -> V2PostTransactionScript:
    """Decode a ``V2PostTransactionScript`` from its JSON object."""
    try:
        plain = data.get("plain")
        vars = data.get("vars")
        if (plain is None or type(plain) is str) and (vars is None or type(vars) is dict):
            obj = _new(V2PostTransactionScript)
            obj.plain = plain
            obj.vars = vars
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_post_transaction_script(data)


def _checked_structure_v2_post_transaction_script(data: Any) -> V2PostTransactionScript:
    """Decode a ``V2PostTransactionScript`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "plain"
    try:
        value = data.get("plain")
        plain = None if value is None else as_str(value)
        key = "vars"
        value = data.get("vars")
        vars = None if value is None else as_object(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2PostTransactionScript(plain=plain, vars=vars)


def unstructure_v2_post_transaction_script(obj: V2PostTransactionScript) -> dict[str, Any]:
    """Encode a ``V2PostTransactionScript`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.plain is not None:
        data["plain"] = obj.plain
    if obj.vars is not None:
        data["vars"] = obj.vars
    return data


def structure_v2_posting(data: Any) -> V2Posting:
    """Decode a ``V2Posting`` from its JSON object."""
    try:
        amount = data.get("amount")
        asset = data.get("asset")
        destination = data.get("destination")
        source = data.get("source")
        if (
            (amount is None or type(amount) is int)
            and (asset is None or type(asset) is str)
            and (destination is None or type(destination) is str)
            and (source is None or type(source) is str)
        ):
            obj = _new(V2Posting)
            obj.amount = amount
            obj.asset = asset
            obj.destination = destination
            obj.source = source
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_posting(data)


def _checked_structure_v2_posting(data: Any) -> V2Posting:
    """Decode a ``V2Posting`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "amount"
    try:
        value = data.get("amount")
        amount = None if value is None else as_int(value)
        key = "asset"
        value = data.get("asset")
        asset = None if value is None else as_str(value)
        key = "destination"
        value = data.get("destination")
        destination = None if value is None else as_str(value)
        key = "source"
        value = data.get("source")
        source = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Posting(amount=amount, asset=asset, destination=destination, source=source)


def unstructure_v2_posting(obj: V2Posting) -> dict[str, Any]:
    """Encode a ``V2Posting`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.amount is not None:
        data["amount"] = obj.amount
    if obj.asset is not None:
        data["asset"] = obj.asset
    if obj.destination is not None:
        data["destination"] = obj.destination
    if obj.source is not None:
        data["source"] = obj.source
    return data


def structure_v2_read_trigger_response(data: Any) -> V2ReadTriggerResponse:
    """Decode a ``V2ReadTriggerResponse`` from its JSON object."""
    try:
        data_ = data["data"]
        obj = _new(V2ReadTriggerResponse)
        obj.data = structure_v2_trigger(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_read_trigger_response(data)


def _checked_structure_v2_read_trigger_response(data: Any) -> V2ReadTriggerResponse:
    """Decode a ``V2ReadTriggerResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        data_ = structure_v2_trigger(data["data"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ReadTriggerResponse(data=data_)


def unstructure_v2_read_trigger_response(obj: V2ReadTriggerResponse) -> dict[str, Any]:
    """Encode a ``V2ReadTriggerResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"data": unstructure_v2_trigger(obj.data)}
    return data


def structure_v2_run_workflow_request(data: Any) -> V2RunWorkflowRequest:
    """Decode a ``V2RunWorkflowRequest``."""
    return dict_of(as_str, data)


def unstructure_v2_run_workflow_request(obj: V2RunWorkflowRequest) -> Any:
    """Encode a ``V2RunWorkflowRequest``."""
    return obj


def structure_v2_run_workflow_response(data: Any) -> V2RunWorkflowResponse:
    """Decode a ``V2RunWorkflowResponse`` from its JSON object."""
    try:
        data_ = data["data"]
        obj = _new(V2RunWorkflowResponse)
        obj.data = structure_v2_workflow_instance(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_run_workflow_response(data)


def _checked_structure_v2_run_workflow_response(data: Any) -> V2RunWorkflowResponse:
    """Decode a ``V2RunWorkflowResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        data_ = structure_v2_workflow_instance(data["data"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2RunWorkflowResponse(data=data_)


def unstructure_v2_run_workflow_response(obj: V2RunWorkflowResponse) -> dict[str, Any]:
    """Encode a ``V2RunWorkflowResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"data": unstructure_v2_workflow_instance(obj.data)}
    return data


def structure_v2_server_info(data: Any) -> V2ServerInfo:
    """Decode a ``V2ServerInfo`` from its JSON object."""
    try:
        version = data["version"]
        if type(version) is str:
            obj = _new(V2ServerInfo)
            obj.version = version
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_server_info(data)


def _checked_structure_v2_server_info(data: Any) -> V2ServerInfo:
    """Decode a ``V2ServerInfo`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "version"
    try:
        version = as_str(data["version"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2ServerInfo(version=version)


def unstructure_v2_server_info(obj: V2ServerInfo) -> dict[str, Any]:
    """Encode a ``V2ServerInfo`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"version": obj.version}
    return data


def structure_v2_stage(data: Any) -> V2Stage:
    """Decode a ``V2Stage``: V2StageSend or V2StageDelay or V2StageWaitEvent or V2Update."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    if "until" in data or "duration" in data:
        return structure_v2_stage_delay(data)
    if "event" in data:
        return structure_v2_stage_wait_event(data)
    if "account" in data:
        return structure_v2_update(data)
    if (
        not data
        or "amount" in data
        or "destination" in data
        or "metadata" in data
        or "source" in data
        or "timestamp" in data
    ):
        return structure_v2_stage_send(data)
    return structure_v2_stage_unknown(data)


def unstructure_v2_stage(obj: V2Stage) -> dict[str, Any]:
    """Encode a ``V2Stage``."""
    if isinstance(obj, V2StageSend):
        return unstructure_v2_stage_send(obj)
    if isinstance(obj, V2StageDelay):
        return unstructure_v2_stage_delay(obj)
    if isinstance(obj, V2StageWaitEvent):
        return unstructure_v2_stage_wait_event(obj)
    if isinstance(obj, V2Update):
        return unstructure_v2_update(obj)
    return unstructure_v2_stage_unknown(obj)


def structure_v2_stage_delay(data: Any) -> V2StageDelay:
    """Decode a ``V2StageDelay`` from its JSON object."""
    try:
        until = data.get("until")
        duration = data.get("duration")
        if (until is None or (type(until) is str and len(until) > 19)) and (duration is None or type(duration) is str):
            obj = _new(V2StageDelay)
            if until is not None:
                obj._raw_until = until
            obj.duration = duration
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stage_delay(data)


def _checked_structure_v2_stage_delay(data: Any) -> V2StageDelay:
    """Decode a ``V2StageDelay`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "until"
    try:
        value = data.get("until")
        until = None if value is None else as_datetime(value)
        key = "duration"
        value = data.get("duration")
        duration = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StageDelay(until=until, duration=duration)


def unstructure_v2_stage_delay(obj: V2StageDelay) -> dict[str, Any]:
    """Encode a ``V2StageDelay`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.until is not None:
        data["until"] = dump_datetime(obj.until)
    if obj.duration is not None:
        data["duration"] = obj.duration
    return data


def structure_v2_stage_send(data: Any) -> V2StageSend:
    """Decode a ``V2StageSend`` from its JSON object."""
    try:
        amount = data.get("amount")
        destination = data.get("destination")
        source = data.get("source")
        metadata = data.get("metadata")
        timestamp = data.get("timestamp")
        if timestamp is None or (type(timestamp) is str and len(timestamp) > 19):
            obj = _new(V2StageSend)
            obj.amount = None if amount is None else structure_v2_monetary(amount)
            obj.destination = None if destination is None else structure_v2_stage_send_destination(destination)
            obj.source = None if source is None else structure_v2_stage_send_source(source)
            obj.metadata = None if metadata is None else dict_of(as_str, metadata)
            if timestamp is not None:
                obj._raw_timestamp = timestamp
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stage_send(data)


def _checked_structure_v2_stage_send(data: Any) -> V2StageSend:
    """Decode a ``V2StageSend`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "amount"
    try:
        value = data.get("amount")
        amount = None if value is None else structure_v2_monetary(value)
        key = "destination"
        value = data.get("destination")
        destination = None if value is None else structure_v2_stage_send_destination(value)
        key = "source"
        value = data.get("source")
        source = None if value is None else structure_v2_stage_send_source(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else dict_of(as_str, value)
        key = "timestamp"
        value = data.get("timestamp")
        timestamp = None if value is None else as_datetime(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StageSend(amount=amount, destination=destination, source=source, metadata=metadata, timestamp=timestamp)


def unstructure_v2_stage_send(obj: V2StageSend) -> dict[str, Any]:
    """Encode a ``V2StageSend`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.amount is not None:
        data["amount"] = unstructure_v2_monetary(obj.amount)
    if obj.destination is not None:
        data["destination"] = unstructure_v2_stage_send_destination(obj.destination)
    if obj.source is not None:
        data["source"] = unstructure_v2_stage_send_source(obj.source)
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    if obj.timestamp is not None:
        data["timestamp"] = dump_datetime(obj.timestamp)
    return data


def structure_v2_stage_send_destination(data: Any) -> V2StageSendDestination:
    """Decode a ``V2StageSendDestination`` from its JSON object."""
    try:
        wallet = data.get("wallet")
        account = data.get("account")
        payment = data.get("payment")
        obj = _new(V2StageSendDestination)
        obj.wallet = None if wallet is None else structure_v2_stage_send_destination_wallet(wallet)
        obj.account = None if account is None else structure_v2_stage_send_destination_account(account)
        obj.payment = None if payment is None else structure_v2_stage_send_destination_payment(payment)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stage_send_destination(data)


def _checked_structure_v2_stage_send_destination(data: Any) -> V2StageSendDestination:
    """Decode a ``V2StageSendDestination`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "wallet"
    try:
        value = data.get("wallet")
        wallet = None if value is None else structure_v2_stage_send_destination_wallet(value)
        key = "account"
        value = data.get("account")
        account = None if value is None else structure_v2_stage_send_destination_account(value)
        key = "payment"
        value = data.get("payment")
        payment = None if value is None else structure_v2_stage_send_destination_payment(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StageSendDestination(wallet=wallet, account=account, payment=payment)


def unstructure_v2_stage_send_destination(obj: V2StageSendDestination) -> dict[str, Any]:
    """Encode a ``V2StageSendDestination`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.wallet is not None:
        data["wallet"] = unstructure_v2_stage_send_source_wallet(obj.wallet)
    if obj.account is not None:
        data["account"] = unstructure_v2_stage_send_source_account(obj.account)
    if obj.payment is not None:
        data["payment"] = unstructure_v2_stage_send_destination_payment(obj.payment)
    return data


def structure_v2_stage_send_destination_account(data: Any) -> V2StageSendDestinationAccount:
    """Decode a ``V2StageSendDestinationAccount``."""
    return structure_v2_stage_send_source_account(data)


def unstructure_v2_stage_send_destination_account(obj: V2StageSendDestinationAccount) -> Any:
    """Encode a ``V2StageSendDestinationAccount``."""
    return unstructure_v2_stage_send_source_account(obj)


def structure_v2_stage_send_destination_payment(data: Any) -> V2StageSendDestinationPayment:
    """Decode a ``V2StageSendDestinationPayment`` from its JSON object."""
    try:
        psp = data.get("psp")
        type_ = data.get("type")
        source_account = data.get("sourceAccount")
        connector_id = data.get("connectorId")
        waiting_validation = data.get("waitingValidation")
        metadata = data.get("metadata")
        if (
            (psp is None or type(psp) is str)
            and (source_account is None or type(source_account) is str)
            and (connector_id is None or type(connector_id) is str)
            and (waiting_validation is None or type(waiting_validation) is bool)
        ):
            obj = _new(V2StageSendDestinationPayment)
            obj.psp = psp
            obj.type = None if type_ is None else as_enum(V2StageSendDestinationPaymentType, type_)
            obj.source_account = source_account
            obj.connector_id = connector_id
            obj.waiting_validation = waiting_validation
            obj.metadata = None if metadata is None else dict_of(as_str, metadata)
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stage_send_destination_payment(data)


def _checked_structure_v2_stage_send_destination_payment(data: Any) -> V2StageSendDestinationPayment:
    """Decode a ``V2StageSendDestinationPayment`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "psp"
    try:
        value = data.get("psp")
        psp = None if value is None else as_str(value)
        key = "type"
        value = data.get("type")
        type_ = None if value is None else as_enum(V2StageSendDestinationPaymentType, value)
        key = "sourceAccount"
        value = data.get("sourceAccount")
        source_account = None if value is None else as_str(value)
        key = "connectorId"
        value = data.get("connectorId")
        connector_id = None if value is None else as_str(value)
        key = "waitingValidation"
        value = data.get("waitingValidation")
        waiting_validation = None if value is None else as_bool(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else dict_of(as_str, value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StageSendDestinationPayment(
        psp=psp,
        type=type_,
        source_account=source_account,
        connector_id=connector_id,
        waiting_validation=waiting_validation,
        metadata=metadata,
    )


def unstructure_v2_stage_send_destination_payment(obj: V2StageSendDestinationPayment) -> dict[str, Any]:
    """Encode a ``V2StageSendDestinationPayment`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.psp is not None:
        data["psp"] = obj.psp
    if obj.type is not None:
        data["type"] = str(obj.type)
    if obj.source_account is not None:
        data["sourceAccount"] = obj.source_account
    if obj.connector_id is not None:
        data["connectorId"] = obj.connector_id
    if obj.waiting_validation is not None:
        data["waitingValidation"] = obj.waiting_validation
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    return data


def structure_v2_stage_send_destination_wallet(data: Any) -> V2StageSendDestinationWallet:
    """Decode a ``V2StageSendDestinationWallet``."""
    return structure_v2_stage_send_source_wallet(data)


def unstructure_v2_stage_send_destination_wallet(obj: V2StageSendDestinationWallet) -> Any:
    """Encode a ``V2StageSendDestinationWallet``."""
    return unstructure_v2_stage_send_source_wallet(obj)


def structure_v2_stage_send_source(data: Any) -> V2StageSendSource:
    """Decode a ``V2StageSendSource`` from its JSON object."""
    try:
        wallet = data.get("wallet")
        account = data.get("account")
        payment = data.get("payment")
        obj = _new(V2StageSendSource)
        obj.wallet = None if wallet is None else structure_v2_stage_send_source_wallet(wallet)
        obj.account = None if account is None else structure_v2_stage_send_source_account(account)
        obj.payment = None if payment is None else structure_v2_stage_send_source_payment(payment)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stage_send_source(data)


def _checked_structure_v2_stage_send_source(data: Any) -> V2StageSendSource:
    """Decode a ``V2StageSendSource`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "wallet"
    try:
        value = data.get("wallet")
        wallet = None if value is None else structure_v2_stage_send_source_wallet(value)
        key = "account"
        value = data.get("account")
        account = None if value is None else structure_v2_stage_send_source_account(value)
        key = "payment"
        value = data.get("payment")
        payment = None if value is None else structure_v2_stage_send_source_payment(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StageSendSource(wallet=wallet, account=account, payment=payment)


def unstructure_v2_stage_send_source(obj: V2StageSendSource) -> dict[str, Any]:
    """Encode a ``V2StageSendSource`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.wallet is not None:
        data["wallet"] = unstructure_v2_stage_send_source_wallet(obj.wallet)
    if obj.account is not None:
        data["account"] = unstructure_v2_stage_send_source_account(obj.account)
    if obj.payment is not None:
        data["payment"] = unstructure_v2_stage_send_source_payment(obj.payment)
    return data


def structure_v2_stage_send_source_account(data: Any) -> V2StageSendSourceAccount:
    """Decode a ``V2StageSendSourceAccount`` from its JSON object."""
    try:
        id = data.get("id")
        ledger = data.get("ledger")
        through_account = data.get("throughAccount")
        allow_overdraft = data.get("allowOverdraft")
        if (
            (id is None or type(id) is str)
            and (ledger is None or type(ledger) is str)
            and (through_account is None or type(through_account) is str)
            and (allow_overdraft is None or type(allow_overdraft) is bool)
        ):
            obj = _new(V2StageSendSourceAccount)
            obj.id = id
            obj.ledger = ledger
            obj.through_account = through_account
            obj.allow_overdraft = allow_overdraft
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stage_send_source_account(data)


def _checked_structure_v2_stage_send_source_account(data: Any) -> V2StageSendSourceAccount:
    """Decode a ``V2StageSendSourceAccount`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "ledger"
        value = data.get("ledger")
        ledger = None if value is None else as_str(value)
        key = "throughAccount"
        value = data.get("throughAccount")
        through_account = None if value is None else as_str(value)
        key = "allowOverdraft"
        value = data.get("allowOverdraft")
        allow_overdraft = None if value is None else as_bool(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StageSendSourceAccount(
        id=id, ledger=ledger, through_account=through_account, allow_overdraft=allow_overdraft
    )


def unstructure_v2_stage_send_source_account(obj: V2StageSendSourceAccount) -> dict[str, Any]:
    """Encode a ``V2StageSendSourceAccount`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.ledger is not None:
        data["ledger"] = obj.ledger
    if obj.through_account is not None:
        data["throughAccount"] = obj.through_account
    if obj.allow_overdraft is not None:
        data["allowOverdraft"] = obj.allow_overdraft
    return data


def structure_v2_stage_send_source_payment(data: Any) -> V2StageSendSourcePayment:
    """Decode a ``V2StageSendSourcePayment`` from its JSON object."""
    try:
        id = data.get("id")
        ledger = data.get("ledger")
        holding_account = data.get("holdingAccount")
        through_account = data.get("throughAccount")
        allow_overdraft = data.get("allowOverdraft")
        if (
            (id is None or type(id) is str)
            and (ledger is None or type(ledger) is str)
            and (holding_account is None or type(holding_account) is str)
            and (through_account is None or type(through_account) is str)
            and (allow_overdraft is None or type(allow_overdraft) is bool)
        ):
            obj = _new(V2StageSendSourcePayment)
            obj.id = id
            obj.ledger = ledger
            obj.holding_account = holding_account
            obj.through_account = through_account
            obj.allow_overdraft = allow_overdraft
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stage_send_source_payment(data)


def _checked_structure_v2_stage_send_source_payment(data: Any) -> V2StageSendSourcePayment:
    """Decode a ``V2StageSendSourcePayment`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "ledger"
        value = data.get("ledger")
        ledger = None if value is None else as_str(value)
        key = "holdingAccount"
        value = data.get("holdingAccount")
        holding_account = None if value is None else as_str(value)
        key = "throughAccount"
        value = data.get("throughAccount")
        through_account = None if value is None else as_str(value)
        key = "allowOverdraft"
        value = data.get("allowOverdraft")
        allow_overdraft = None if value is None else as_bool(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StageSendSourcePayment(
        id=id,
        ledger=ledger,
        holding_account=holding_account,
        through_account=through_account,
        allow_overdraft=allow_overdraft,
    )


def unstructure_v2_stage_send_source_payment(obj: V2StageSendSourcePayment) -> dict[str, Any]:
    """Encode a ``V2StageSendSourcePayment`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.ledger is not None:
        data["ledger"] = obj.ledger
    if obj.holding_account is not None:
        data["holdingAccount"] = obj.holding_account
    if obj.through_account is not None:
        data["throughAccount"] = obj.through_account
    if obj.allow_overdraft is not None:
        data["allowOverdraft"] = obj.allow_overdraft
    return data


def structure_v2_stage_send_source_wallet(data: Any) -> V2StageSendSourceWallet:
    """Decode a ``V2StageSendSourceWallet`` from its JSON object."""
    try:
        id = data.get("id")
        balance = data.get("balance")
        name = data.get("name")
        if (
            (id is None or type(id) is str)
            and (balance is None or type(balance) is str)
            and (name is None or type(name) is str)
        ):
            obj = _new(V2StageSendSourceWallet)
            obj.id = id
            obj.balance = balance
            obj.name = name
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stage_send_source_wallet(data)


def _checked_structure_v2_stage_send_source_wallet(data: Any) -> V2StageSendSourceWallet:
    """Decode a ``V2StageSendSourceWallet`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "balance"
        value = data.get("balance")
        balance = None if value is None else as_str(value)
        key = "name"
        value = data.get("name")
        name = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StageSendSourceWallet(id=id, balance=balance, name=name)


def unstructure_v2_stage_send_source_wallet(obj: V2StageSendSourceWallet) -> dict[str, Any]:
    """Encode a ``V2StageSendSourceWallet`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.balance is not None:
        data["balance"] = obj.balance
    if obj.name is not None:
        data["name"] = obj.name
    return data


def structure_v2_stage_status(data: Any) -> V2StageStatus:
    """Decode a ``V2StageStatus`` from its JSON object."""
    try:
        stage = data["stage"]
        instance_id = data["instanceID"]
        started_at = data["startedAt"]
        terminated_at = data.get("terminatedAt")
        error = data.get("error")
        temporal_run_id = data.get("temporalRunID")
        if (
            type(stage) is int
            and type(instance_id) is str
            and type(started_at) is str
            and len(started_at) > 19
            and (terminated_at is None or (type(terminated_at) is str and len(terminated_at) > 19))
            and (error is None or type(error) is str)
            and (temporal_run_id is None or type(temporal_run_id) is str)
        ):
            obj = _new(V2StageStatus)
            obj.stage = stage
            obj.instance_id = instance_id
            obj._raw_started_at = started_at
            if terminated_at is not None:
                obj._raw_terminated_at = terminated_at
            obj.error = error
            obj.temporal_run_id = temporal_run_id
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stage_status(data)


def _checked_structure_v2_stage_status(data: Any) -> V2StageStatus:
    """Decode a ``V2StageStatus`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "stage"
    try:
        stage = as_number(data["stage"])
        key = "instanceID"
        instance_id = as_str(data["instanceID"])
        key = "startedAt"
        started_at = as_datetime(data["startedAt"])
        key = "terminatedAt"
        value = data.get("terminatedAt")
        terminated_at = None if value is None else as_datetime(value)
        key = "error"
        value = data.get("error")
        error = None if value is None else as_str(value)
        key = "temporalRunID"
        value = data.get("temporalRunID")
        temporal_run_id = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StageStatus(
        stage=stage,
        instance_id=instance_id,
        started_at=started_at,
        terminated_at=terminated_at,
        error=error,
        temporal_run_id=temporal_run_id,
    )


def unstructure_v2_stage_status(obj: V2StageStatus) -> dict[str, Any]:
    """Encode a ``V2StageStatus`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {
        "stage": obj.stage,
        "instanceID": obj.instance_id,
        "startedAt": dump_datetime(obj.started_at),
    }
    if obj.terminated_at is not None:
        data["terminatedAt"] = dump_datetime(obj.terminated_at)
    if obj.error is not None:
        data["error"] = obj.error
    if obj.temporal_run_id is not None:
        data["temporalRunID"] = obj.temporal_run_id
    return data


def structure_v2_stage_unknown(data: Any) -> V2StageUnknown:
    """Keep a ``V2Stage`` member this SDK does not know: its JSON object, whole."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    return V2StageUnknown(raw=data)


def unstructure_v2_stage_unknown(obj: V2StageUnknown) -> dict[str, Any]:
    """Encode a ``V2StageUnknown``: the JSON object it was decoded from."""
    return dict(obj.raw)


def structure_v2_stage_wait_event(data: Any) -> V2StageWaitEvent:
    """Decode a ``V2StageWaitEvent`` from its JSON object."""
    try:
        event = data.get("event")
        if event is None or type(event) is str:
            obj = _new(V2StageWaitEvent)
            obj.event = event
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stage_wait_event(data)


def _checked_structure_v2_stage_wait_event(data: Any) -> V2StageWaitEvent:
    """Decode a ``V2StageWaitEvent`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "event"
    try:
        value = data.get("event")
        event = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StageWaitEvent(event=event)


def unstructure_v2_stage_wait_event(obj: V2StageWaitEvent) -> dict[str, Any]:
    """Encode a ``V2StageWaitEvent`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.event is not None:
        data["event"] = obj.event
    return data


def structure_v2_stripe_transfer_request(data: Any) -> V2StripeTransferRequest:
    """Decode a ``V2StripeTransferRequest`` from its JSON object."""
    try:
        connector_id = data.get("connectorID")
        amount = data.get("amount")
        asset = data.get("asset")
        destination = data.get("destination")
        waiting_validation = data.get("waitingValidation")
        metadata = data.get("metadata")
        if (
            (connector_id is None or type(connector_id) is str)
            and (amount is None or type(amount) is int)
            and (asset is None or type(asset) is str)
            and (destination is None or type(destination) is str)
            and (waiting_validation is None or type(waiting_validation) is bool)
            and (metadata is None or type(metadata) is dict)
        ):
            obj = _new(V2StripeTransferRequest)
            obj.connector_id = connector_id
            obj.amount = amount
            obj.asset = asset
            obj.destination = destination
            obj.waiting_validation = waiting_validation
            obj.metadata = metadata
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_stripe_transfer_request(data)


def _checked_structure_v2_stripe_transfer_request(data: Any) -> V2StripeTransferRequest:
    """Decode a ``V2StripeTransferRequest`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "connectorID"
    try:
        value = data.get("connectorID")
        connector_id = None if value is None else as_str(value)
        key = "amount"
        value = data.get("amount")
        amount = None if value is None else as_int(value)
        key = "asset"
        value = data.get("asset")
        asset = None if value is None else as_str(value)
        key = "destination"
        value = data.get("destination")
        destination = None if value is None else as_str(value)
        key = "waitingValidation"
        value = data.get("waitingValidation")
        waiting_validation = None if value is None else as_bool(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else as_object(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2StripeTransferRequest(
        connector_id=connector_id,
        amount=amount,
        asset=asset,
        destination=destination,
        waiting_validation=waiting_validation,
        metadata=metadata,
    )


def unstructure_v2_stripe_transfer_request(obj: V2StripeTransferRequest) -> dict[str, Any]:
    """Encode a ``V2StripeTransferRequest`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.connector_id is not None:
        data["connectorID"] = obj.connector_id
    if obj.amount is not None:
        data["amount"] = obj.amount
    if obj.asset is not None:
        data["asset"] = obj.asset
    if obj.destination is not None:
        data["destination"] = obj.destination
    if obj.waiting_validation is not None:
        data["waitingValidation"] = obj.waiting_validation
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    return data


def structure_v2_subject(data: Any) -> V2Subject:
    """Decode a ``V2Subject``: V2LedgerAccountSubject or V2WalletSubject."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    kind = data.get("type")
    if kind == "ACCOUNT":
        return structure_v2_ledger_account_subject(data)
    if kind == "WALLET":
        return structure_v2_wallet_subject(data)
    return structure_v2_subject_unknown(data)


def unstructure_v2_subject(obj: V2Subject) -> dict[str, Any]:
    """Encode a ``V2Subject``."""
    if isinstance(obj, V2LedgerAccountSubject):
        return unstructure_v2_ledger_account_subject(obj)
    if isinstance(obj, V2WalletSubject):
        return unstructure_v2_wallet_subject(obj)
    return unstructure_v2_subject_unknown(obj)


def structure_v2_subject_unknown(data: Any) -> V2SubjectUnknown:
    """Keep a ``V2Subject`` member this SDK does not know: its JSON object, whole."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    kind = data.get("type")
    if kind is not None and type(kind) is not str:
        raise wrong_type("string", kind).at("type")
    return V2SubjectUnknown(type=kind, raw=data)


def unstructure_v2_subject_unknown(obj: V2SubjectUnknown) -> dict[str, Any]:
    """Encode a ``V2SubjectUnknown``: the JSON object it was decoded from."""
    return dict(obj.raw)


def structure_v2_test_trigger_response(data: Any) -> V2TestTriggerResponse:
    """Decode a ``V2TestTriggerResponse`` from its JSON object."""
    try:
        data_ = data["data"]
        obj = _new(V2TestTriggerResponse)
        obj.data = structure_v2_trigger_test(data_)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_test_trigger_response(data)


def _checked_structure_v2_test_trigger_response(data: Any) -> V2TestTriggerResponse:
    """Decode a ``V2TestTriggerResponse`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "data"
    try:
        data_ = structure_v2_trigger_test(data["data"])
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2TestTriggerResponse(data=data_)


def unstructure_v2_test_trigger_response(obj: V2TestTriggerResponse) -> dict[str, Any]:
    """Encode a ``V2TestTriggerResponse`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"data": unstructure_v2_trigger_test(obj.data)}
    return data


def structure_v2_transaction(data: Any) -> V2Transaction:
    """Decode a ``V2Transaction`` from its JSON object."""
    try:
        timestamp = data.get("timestamp")
        postings = data.get("postings")
        reference = data.get("reference")
        metadata = data.get("metadata")
        txid = data.get("txid")
        if (
            (timestamp is None or (type(timestamp) is str and len(timestamp) > 19))
            and (postings is None or type(postings) is list)
            and (reference is None or type(reference) is str)
            and (txid is None or type(txid) is int)
        ):
            obj = _new(V2Transaction)
            if timestamp is not None:
                obj._raw_timestamp = timestamp
            obj.postings = None if postings is None else [structure_v2_posting(item) for item in postings]
            obj.reference = reference
            obj.metadata = None if metadata is None else structure_v2_metadata(metadata)
            obj.txid = txid
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_transaction(data)


def _structure_v2_transaction_in_list(data: Any) -> V2Transaction:
    """Decode a ``V2Transaction`` from its JSON object."""
    try:
        timestamp = data.get("timestamp")
        postings = data.get("postings")
        reference = data.get("reference")
        metadata = data.get("metadata")
        txid = data.get("txid")
        if (
            (timestamp is None or (type(timestamp) is str and len(timestamp) > 19))
            and (postings is None or type(postings) is list)
            and (reference is None or type(reference) is str)
            and (txid is None or type(txid) is int)
        ):
            obj = _new(V2Transaction)
            if timestamp is not None:
                obj._raw_timestamp = timestamp
            if postings is not None:
                obj._raw_postings = (PENDING, _list_of_v2_posting, postings)
            obj.reference = reference
            obj.metadata = None if metadata is None else structure_v2_metadata(metadata)
            obj.txid = txid
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_transaction(data)


def _checked_structure_v2_transaction(data: Any) -> V2Transaction:
    """Decode a ``V2Transaction`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "timestamp"
    try:
        value = data.get("timestamp")
        timestamp = None if value is None else as_datetime(value)
        key = "postings"
        value = data.get("postings")
        postings = None if value is None else list_of(structure_v2_posting, value)
        key = "reference"
        value = data.get("reference")
        reference = None if value is None else as_str(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else structure_v2_metadata(value)
        key = "txid"
        value = data.get("txid")
        txid = None if value is None else as_int(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Transaction(timestamp=timestamp, postings=postings, reference=reference, metadata=metadata, txid=txid)


def unstructure_v2_transaction(obj: V2Transaction) -> dict[str, Any]:
    """Encode a ``V2Transaction`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.timestamp is not None:
        data["timestamp"] = dump_datetime(obj.timestamp)
    if obj.postings is not None:
        data["postings"] = [unstructure_v2_posting(item) for item in obj.postings]
    if obj.reference is not None:
        data["reference"] = obj.reference
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    if obj.txid is not None:
        data["txid"] = obj.txid
    return data


def structure_v2_trigger(data: Any) -> V2Trigger:
    """Decode a ``V2Trigger`` from its JSON object."""
    try:
        event = data["event"]
        workflow_id = data["workflowID"]
        id = data["id"]
        created_at = data["createdAt"]
        version = data.get("version")
        filter = data.get("filter")
        vars = data.get("vars")
        name = data.get("name")
        workflow = data.get("workflow")
        if (
            type(event) is str
            and type(workflow_id) is str
            and type(id) is str
            and type(created_at) is str
            and len(created_at) > 19
            and (version is None or type(version) is str)
            and (filter is None or type(filter) is str)
            and (vars is None or type(vars) is dict)
            and (name is None or type(name) is str)
            and (workflow is None or type(workflow) is dict)
        ):
            obj = _new(V2Trigger)
            obj.event = event
            obj.workflow_id = workflow_id
            obj.id = id
            obj._raw_created_at = created_at
            obj.version = version
            obj.filter = filter
            obj.vars = vars
            obj.name = name
            obj.workflow = workflow
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_trigger(data)


def _checked_structure_v2_trigger(data: Any) -> V2Trigger:
    """Decode a ``V2Trigger`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "event"
    try:
        event = as_str(data["event"])
        key = "workflowID"
        workflow_id = as_str(data["workflowID"])
        key = "id"
        id = as_str(data["id"])
        key = "createdAt"
        created_at = as_datetime(data["createdAt"])
        key = "version"
        value = data.get("version")
        version = None if value is None else as_str(value)
        key = "filter"
        value = data.get("filter")
        filter = None if value is None else as_str(value)
        key = "vars"
        value = data.get("vars")
        vars = None if value is None else as_object(value)
        key = "name"
        value = data.get("name")
        name = None if value is None else as_str(value)
        key = "workflow"
        value = data.get("workflow")
        workflow = None if value is None else as_object(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Trigger(
        event=event,
        workflow_id=workflow_id,
        id=id,
        created_at=created_at,
        version=version,
        filter=filter,
        vars=vars,
        name=name,
        workflow=workflow,
    )


def unstructure_v2_trigger(obj: V2Trigger) -> dict[str, Any]:
    """Encode a ``V2Trigger`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {
        "event": obj.event,
        "workflowID": obj.workflow_id,
        "id": obj.id,
        "createdAt": dump_datetime(obj.created_at),
    }
    if obj.version is not None:
        data["version"] = obj.version
    if obj.filter is not None:
        data["filter"] = obj.filter
    if obj.vars is not None:
        data["vars"] = obj.vars
    if obj.name is not None:
        data["name"] = obj.name
    if obj.workflow is not None:
        data["workflow"] = obj.workflow
    return data


def structure_v2_trigger_data(data: Any) -> V2TriggerData:
    """Decode a ``V2TriggerData`` from its JSON object."""
    try:
        event = data["event"]
        workflow_id = data["workflowID"]
        version = data.get("version")
        filter = data.get("filter")
        vars = data.get("vars")
        name = data.get("name")
        if (
            type(event) is str
            and type(workflow_id) is str
            and (version is None or type(version) is str)
            and (filter is None or type(filter) is str)
            and (vars is None or type(vars) is dict)
            and (name is None or type(name) is str)
        ):
            obj = _new(V2TriggerData)
            obj.event = event
            obj.workflow_id = workflow_id
            obj.version = version
            obj.filter = filter
            obj.vars = vars
            obj.name = name
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_trigger_data(data)


def _checked_structure_v2_trigger_data(data: Any) -> V2TriggerData:
    """Decode a ``V2TriggerData`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "event"
    try:
        event = as_str(data["event"])
        key = "workflowID"
        workflow_id = as_str(data["workflowID"])
        key = "version"
        value = data.get("version")
        version = None if value is None else as_str(value)
        key = "filter"
        value = data.get("filter")
        filter = None if value is None else as_str(value)
        key = "vars"
        value = data.get("vars")
        vars = None if value is None else as_object(value)
        key = "name"
        value = data.get("name")
        name = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2TriggerData(event=event, workflow_id=workflow_id, version=version, filter=filter, vars=vars, name=name)


def unstructure_v2_trigger_data(obj: V2TriggerData) -> dict[str, Any]:
    """Encode a ``V2TriggerData`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"event": obj.event, "workflowID": obj.workflow_id}
    if obj.version is not None:
        data["version"] = obj.version
    if obj.filter is not None:
        data["filter"] = obj.filter
    if obj.vars is not None:
        data["vars"] = obj.vars
    if obj.name is not None:
        data["name"] = obj.name
    return data


def structure_v2_trigger_occurrence(data: Any) -> V2TriggerOccurrence:
    """Decode a ``V2TriggerOccurrence`` from its JSON object."""
    try:
        date = data["date"]
        trigger_id = data["triggerID"]
        event = data["event"]
        workflow_instance_id = data.get("workflowInstanceID")
        workflow_instance = data.get("workflowInstance")
        error = data.get("error")
        id = data.get("id")
        if (
            type(date) is str
            and len(date) > 19
            and type(trigger_id) is str
            and type(event) is dict
            and (workflow_instance_id is None or type(workflow_instance_id) is str)
            and (error is None or type(error) is str)
            and (id is None or type(id) is str)
        ):
            obj = _new(V2TriggerOccurrence)
            obj._raw_date = date
            obj.trigger_id = trigger_id
            obj.event = event
            obj.workflow_instance_id = workflow_instance_id
            obj.workflow_instance = (
                None if workflow_instance is None else structure_v2_workflow_instance(workflow_instance)
            )
            obj.error = error
            obj.id = id
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_trigger_occurrence(data)


def _structure_v2_trigger_occurrence_in_list(data: Any) -> V2TriggerOccurrence:
    """Decode a ``V2TriggerOccurrence`` from its JSON object."""
    try:
        date = data["date"]
        trigger_id = data["triggerID"]
        event = data["event"]
        workflow_instance_id = data.get("workflowInstanceID")
        workflow_instance = data.get("workflowInstance")
        error = data.get("error")
        id = data.get("id")
        if (
            type(date) is str
            and len(date) > 19
            and type(trigger_id) is str
            and type(event) is dict
            and (workflow_instance_id is None or type(workflow_instance_id) is str)
            and (workflow_instance is None or type(workflow_instance) is dict)
            and (error is None or type(error) is str)
            and (id is None or type(id) is str)
        ):
            obj = _new(V2TriggerOccurrence)
            obj._raw_date = date
            obj.trigger_id = trigger_id
            obj.event = event
            obj.workflow_instance_id = workflow_instance_id
            if workflow_instance is not None:
                obj._raw_workflow_instance = (PENDING, structure_v2_workflow_instance, workflow_instance)
            obj.error = error
            obj.id = id
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_trigger_occurrence(data)


def _checked_structure_v2_trigger_occurrence(data: Any) -> V2TriggerOccurrence:
    """Decode a ``V2TriggerOccurrence`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "date"
    try:
        date = as_datetime(data["date"])
        key = "triggerID"
        trigger_id = as_str(data["triggerID"])
        key = "event"
        event = as_object(data["event"])
        key = "workflowInstanceID"
        value = data.get("workflowInstanceID")
        workflow_instance_id = None if value is None else as_str(value)
        key = "workflowInstance"
        value = data.get("workflowInstance")
        workflow_instance = None if value is None else structure_v2_workflow_instance(value)
        key = "error"
        value = data.get("error")
        error = None if value is None else as_str(value)
        key = "id"
        value = data.get("id")
        id = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2TriggerOccurrence(
        date=date,
        trigger_id=trigger_id,
        event=event,
        workflow_instance_id=workflow_instance_id,
        workflow_instance=workflow_instance,
        error=error,
        id=id,
    )


def unstructure_v2_trigger_occurrence(obj: V2TriggerOccurrence) -> dict[str, Any]:
    """Encode a ``V2TriggerOccurrence`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {"date": dump_datetime(obj.date), "triggerID": obj.trigger_id, "event": obj.event}
    if obj.workflow_instance_id is not None:
        data["workflowInstanceID"] = obj.workflow_instance_id
    if obj.workflow_instance is not None:
        data["workflowInstance"] = unstructure_v2_workflow_instance(obj.workflow_instance)
    if obj.error is not None:
        data["error"] = obj.error
    if obj.id is not None:
        data["id"] = obj.id
    return data


def structure_v2_trigger_test(data: Any) -> V2TriggerTest:
    """Decode a ``V2TriggerTest`` from its JSON object."""
    try:
        filter = data.get("filter")
        variables = data.get("variables")
        obj = _new(V2TriggerTest)
        obj.filter = None if filter is None else structure_v2_trigger_test_filter(filter)
        obj.variables = None if variables is None else dict_of(structure_v2_trigger_test_variables_value, variables)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_trigger_test(data)


def _checked_structure_v2_trigger_test(data: Any) -> V2TriggerTest:
    """Decode a ``V2TriggerTest`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "filter"
    try:
        value = data.get("filter")
        filter = None if value is None else structure_v2_trigger_test_filter(value)
        key = "variables"
        value = data.get("variables")
        variables = None if value is None else dict_of(structure_v2_trigger_test_variables_value, value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2TriggerTest(filter=filter, variables=variables)


def unstructure_v2_trigger_test(obj: V2TriggerTest) -> dict[str, Any]:
    """Encode a ``V2TriggerTest`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.filter is not None:
        data["filter"] = unstructure_v2_trigger_test_filter(obj.filter)
    if obj.variables is not None:
        data["variables"] = {
            key: unstructure_v2_trigger_test_variables_value(item) for key, item in obj.variables.items()
        }
    return data


def structure_v2_trigger_test_filter(data: Any) -> V2TriggerTestFilter:
    """Decode a ``V2TriggerTestFilter`` from its JSON object."""
    try:
        match = data.get("match")
        error = data.get("error")
        if (match is None or type(match) is bool) and (error is None or type(error) is str):
            obj = _new(V2TriggerTestFilter)
            obj.match = match
            obj.error = error
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_trigger_test_filter(data)


def _checked_structure_v2_trigger_test_filter(data: Any) -> V2TriggerTestFilter:
    """Decode a ``V2TriggerTestFilter`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "match"
    try:
        value = data.get("match")
        match = None if value is None else as_bool(value)
        key = "error"
        value = data.get("error")
        error = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2TriggerTestFilter(match=match, error=error)


def unstructure_v2_trigger_test_filter(obj: V2TriggerTestFilter) -> dict[str, Any]:
    """Encode a ``V2TriggerTestFilter`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.match is not None:
        data["match"] = obj.match
    if obj.error is not None:
        data["error"] = obj.error
    return data


def structure_v2_trigger_test_variables_value(data: Any) -> V2TriggerTestVariablesValue:
    """Decode a ``V2TriggerTestVariablesValue`` from its JSON object."""
    try:
        value_ = data.get("value")
        error = data.get("error")
        if (value_ is None or type(value_) is str) and (error is None or type(error) is str):
            obj = _new(V2TriggerTestVariablesValue)
            obj.value = value_
            obj.error = error
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_trigger_test_variables_value(data)


def _checked_structure_v2_trigger_test_variables_value(data: Any) -> V2TriggerTestVariablesValue:
    """Decode a ``V2TriggerTestVariablesValue`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "value"
    try:
        value = data.get("value")
        value_ = None if value is None else as_str(value)
        key = "error"
        value = data.get("error")
        error = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2TriggerTestVariablesValue(value=value_, error=error)


def unstructure_v2_trigger_test_variables_value(obj: V2TriggerTestVariablesValue) -> dict[str, Any]:
    """Encode a ``V2TriggerTestVariablesValue`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.value is not None:
        data["value"] = obj.value
    if obj.error is not None:
        data["error"] = obj.error
    return data


def structure_v2_update(data: Any) -> V2Update:
    """Decode a ``V2Update`` from its JSON object."""
    try:
        account = data.get("account")
        obj = _new(V2Update)
        obj.account = None if account is None else structure_v2_update_account(account)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_update(data)


def _checked_structure_v2_update(data: Any) -> V2Update:
    """Decode a ``V2Update`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "account"
    try:
        value = data.get("account")
        account = None if value is None else structure_v2_update_account(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Update(account=account)


def unstructure_v2_update(obj: V2Update) -> dict[str, Any]:
    """Encode a ``V2Update`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.account is not None:
        data["account"] = unstructure_v2_update_account(obj.account)
    return data


def structure_v2_update_account(data: Any) -> V2UpdateAccount:
    """Decode a ``V2UpdateAccount`` from its JSON object."""
    try:
        id = data.get("id")
        metadata = data.get("metadata")
        ledger = data.get("ledger")
        if (id is None or type(id) is str) and (ledger is None or type(ledger) is str):
            obj = _new(V2UpdateAccount)
            obj.id = id
            obj.metadata = None if metadata is None else dict_of(as_str, metadata)
            obj.ledger = ledger
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_update_account(data)


def _checked_structure_v2_update_account(data: Any) -> V2UpdateAccount:
    """Decode a ``V2UpdateAccount`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else dict_of(as_str, value)
        key = "ledger"
        value = data.get("ledger")
        ledger = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2UpdateAccount(id=id, metadata=metadata, ledger=ledger)


def unstructure_v2_update_account(obj: V2UpdateAccount) -> dict[str, Any]:
    """Encode a ``V2UpdateAccount`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    if obj.ledger is not None:
        data["ledger"] = obj.ledger
    return data


def structure_v2_volume(data: Any) -> V2Volume:
    """Decode a ``V2Volume`` from its JSON object."""
    try:
        input = data.get("input")
        output = data.get("output")
        balance = data.get("balance")
        if (
            (input is None or type(input) is int)
            and (output is None or type(output) is int)
            and (balance is None or type(balance) is int)
        ):
            obj = _new(V2Volume)
            obj.input = input
            obj.output = output
            obj.balance = balance
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_volume(data)


def _checked_structure_v2_volume(data: Any) -> V2Volume:
    """Decode a ``V2Volume`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "input"
    try:
        value = data.get("input")
        input = None if value is None else as_int(value)
        key = "output"
        value = data.get("output")
        output = None if value is None else as_int(value)
        key = "balance"
        value = data.get("balance")
        balance = None if value is None else as_int(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Volume(input=input, output=output, balance=balance)


def unstructure_v2_volume(obj: V2Volume) -> dict[str, Any]:
    """Encode a ``V2Volume`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.input is not None:
        data["input"] = obj.input
    if obj.output is not None:
        data["output"] = obj.output
    if obj.balance is not None:
        data["balance"] = obj.balance
    return data


def structure_v2_volumes(data: Any) -> V2Volumes:
    """Decode a ``V2Volumes``."""
    return dict_of(structure_v2_volume, data)


def unstructure_v2_volumes(obj: V2Volumes) -> Any:
    """Encode a ``V2Volumes``."""
    return {key: unstructure_v2_volume(item) for key, item in obj.items()}


def structure_v2_wallet(data: Any) -> V2Wallet:
    """Decode a ``V2Wallet`` from its JSON object."""
    try:
        id = data.get("id")
        metadata = data.get("metadata")
        name = data.get("name")
        created_at = data.get("createdAt")
        ledger = data.get("ledger")
        if (
            (id is None or type(id) is str)
            and (name is None or type(name) is str)
            and (created_at is None or (type(created_at) is str and len(created_at) > 19))
            and (ledger is None or type(ledger) is str)
        ):
            obj = _new(V2Wallet)
            obj.id = id
            obj.metadata = None if metadata is None else dict_of(as_str, metadata)
            obj.name = name
            if created_at is not None:
                obj._raw_created_at = created_at
            obj.ledger = ledger
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_wallet(data)


def _checked_structure_v2_wallet(data: Any) -> V2Wallet:
    """Decode a ``V2Wallet`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else dict_of(as_str, value)
        key = "name"
        value = data.get("name")
        name = None if value is None else as_str(value)
        key = "createdAt"
        value = data.get("createdAt")
        created_at = None if value is None else as_datetime(value)
        key = "ledger"
        value = data.get("ledger")
        ledger = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Wallet(id=id, metadata=metadata, name=name, created_at=created_at, ledger=ledger)


def unstructure_v2_wallet(obj: V2Wallet) -> dict[str, Any]:
    """Encode a ``V2Wallet`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    if obj.name is not None:
        data["name"] = obj.name
    if obj.created_at is not None:
        data["createdAt"] = dump_datetime(obj.created_at)
    if obj.ledger is not None:
        data["ledger"] = obj.ledger
    return data


def structure_v2_wallet_subject(data: Any) -> V2WalletSubject:
    """Decode a ``V2WalletSubject`` from its JSON object."""
    try:
        type_ = data.get("type")
        identifier = data.get("identifier")
        balance = data.get("balance")
        if (
            (type_ is None or type(type_) is str)
            and (identifier is None or type(identifier) is str)
            and (balance is None or type(balance) is str)
        ):
            obj = _new(V2WalletSubject)
            obj.type = type_
            obj.identifier = identifier
            obj.balance = balance
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_wallet_subject(data)


def _checked_structure_v2_wallet_subject(data: Any) -> V2WalletSubject:
    """Decode a ``V2WalletSubject`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "type"
    try:
        value = data.get("type")
        type_ = None if value is None else as_str(value)
        key = "identifier"
        value = data.get("identifier")
        identifier = None if value is None else as_str(value)
        key = "balance"
        value = data.get("balance")
        balance = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2WalletSubject(type=type_, identifier=identifier, balance=balance)


def unstructure_v2_wallet_subject(obj: V2WalletSubject) -> dict[str, Any]:
    """Encode a ``V2WalletSubject`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.type is not None:
        data["type"] = obj.type
    if obj.identifier is not None:
        data["identifier"] = obj.identifier
    if obj.balance is not None:
        data["balance"] = obj.balance
    return data


def structure_v2_wallet_with_balances(data: Any) -> V2WalletWithBalances:
    """Decode a ``V2WalletWithBalances`` from its JSON object."""
    try:
        id = data.get("id")
        metadata = data.get("metadata")
        name = data.get("name")
        created_at = data.get("createdAt")
        balances = data.get("balances")
        ledger = data.get("ledger")
        if (
            (id is None or type(id) is str)
            and (name is None or type(name) is str)
            and (created_at is None or (type(created_at) is str and len(created_at) > 19))
            and (ledger is None or type(ledger) is str)
        ):
            obj = _new(V2WalletWithBalances)
            obj.id = id
            obj.metadata = None if metadata is None else dict_of(as_str, metadata)
            obj.name = name
            if created_at is not None:
                obj._raw_created_at = created_at
            obj.balances = None if balances is None else structure_v2_wallet_with_balances_balances(balances)
            obj.ledger = ledger
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_wallet_with_balances(data)


def _checked_structure_v2_wallet_with_balances(data: Any) -> V2WalletWithBalances:
    """Decode a ``V2WalletWithBalances`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "id"
    try:
        value = data.get("id")
        id = None if value is None else as_str(value)
        key = "metadata"
        value = data.get("metadata")
        metadata = None if value is None else dict_of(as_str, value)
        key = "name"
        value = data.get("name")
        name = None if value is None else as_str(value)
        key = "createdAt"
        value = data.get("createdAt")
        created_at = None if value is None else as_datetime(value)
        key = "balances"
        value = data.get("balances")
        balances = None if value is None else structure_v2_wallet_with_balances_balances(value)
        key = "ledger"
        value = data.get("ledger")
        ledger = None if value is None else as_str(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2WalletWithBalances(
        id=id, metadata=metadata, name=name, created_at=created_at, balances=balances, ledger=ledger
    )


def unstructure_v2_wallet_with_balances(obj: V2WalletWithBalances) -> dict[str, Any]:
    """Encode a ``V2WalletWithBalances`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.id is not None:
        data["id"] = obj.id
    if obj.metadata is not None:
        data["metadata"] = obj.metadata
    if obj.name is not None:
        data["name"] = obj.name
    if obj.created_at is not None:
        data["createdAt"] = dump_datetime(obj.created_at)
    if obj.balances is not None:
        data["balances"] = unstructure_v2_wallet_with_balances_balances(obj.balances)
    if obj.ledger is not None:
        data["ledger"] = obj.ledger
    return data


def structure_v2_wallet_with_balances_balances(data: Any) -> V2WalletWithBalancesBalances:
    """Decode a ``V2WalletWithBalancesBalances`` from its JSON object."""
    try:
        main = data.get("main")
        obj = _new(V2WalletWithBalancesBalances)
        obj.main = None if main is None else structure_v2_asset_holder(main)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_wallet_with_balances_balances(data)


def _checked_structure_v2_wallet_with_balances_balances(data: Any) -> V2WalletWithBalancesBalances:
    """Decode a ``V2WalletWithBalancesBalances`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "main"
    try:
        value = data.get("main")
        main = None if value is None else structure_v2_asset_holder(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2WalletWithBalancesBalances(main=main)


def unstructure_v2_wallet_with_balances_balances(obj: V2WalletWithBalancesBalances) -> dict[str, Any]:
    """Encode a ``V2WalletWithBalancesBalances`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.main is not None:
        data["main"] = unstructure_v2_asset_holder(obj.main)
    return data


def structure_v2_workflow(data: Any) -> V2Workflow:
    """Decode a ``V2Workflow`` from its JSON object."""
    try:
        config = data["config"]
        created_at = data["createdAt"]
        updated_at = data["updatedAt"]
        id = data["id"]
        deleted_at = data.get("deletedAt")
        if (
            type(created_at) is str
            and len(created_at) > 19
            and type(updated_at) is str
            and len(updated_at) > 19
            and type(id) is str
            and (deleted_at is None or (type(deleted_at) is str and len(deleted_at) > 19))
        ):
            obj = _new(V2Workflow)
            obj.config = structure_v2_workflow_config(config)
            obj._raw_created_at = created_at
            obj._raw_updated_at = updated_at
            obj.id = id
            if deleted_at is not None:
                obj._raw_deleted_at = deleted_at
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow(data)


def _structure_v2_workflow_in_list(data: Any) -> V2Workflow:
    """Decode a ``V2Workflow`` from its JSON object."""
    try:
        config = data["config"]
        created_at = data["createdAt"]
        updated_at = data["updatedAt"]
        id = data["id"]
        deleted_at = data.get("deletedAt")
        if (
            type(config) is dict
            and type(created_at) is str
            and len(created_at) > 19
            and type(updated_at) is str
            and len(updated_at) > 19
            and type(id) is str
            and (deleted_at is None or (type(deleted_at) is str and len(deleted_at) > 19))
        ):
            obj = _new(V2Workflow)
            obj._raw_config = (PENDING, structure_v2_workflow_config, config)
            obj._raw_created_at = created_at
            obj._raw_updated_at = updated_at
            obj.id = id
            if deleted_at is not None:
                obj._raw_deleted_at = deleted_at
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow(data)


def _checked_structure_v2_workflow(data: Any) -> V2Workflow:
    """Decode a ``V2Workflow`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "config"
    try:
        config = structure_v2_workflow_config(data["config"])
        key = "createdAt"
        created_at = as_datetime(data["createdAt"])
        key = "updatedAt"
        updated_at = as_datetime(data["updatedAt"])
        key = "id"
        id = as_str(data["id"])
        key = "deletedAt"
        value = data.get("deletedAt")
        deleted_at = None if value is None else as_datetime(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2Workflow(config=config, created_at=created_at, updated_at=updated_at, id=id, deleted_at=deleted_at)


def unstructure_v2_workflow(obj: V2Workflow) -> dict[str, Any]:
    """Encode a ``V2Workflow`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {
        "config": unstructure_v2_workflow_config(obj.config),
        "createdAt": dump_datetime(obj.created_at),
        "updatedAt": dump_datetime(obj.updated_at),
        "id": obj.id,
    }
    if obj.deleted_at is not None:
        data["deletedAt"] = dump_datetime(obj.deleted_at)
    return data


def structure_v2_workflow_config(data: Any) -> V2WorkflowConfig:
    """Decode a ``V2WorkflowConfig`` from its JSON object."""
    try:
        name = data.get("name")
        stages = data.get("stages")
        if name is None or type(name) is str:
            obj = _new(V2WorkflowConfig)
            obj.name = name
            obj.stages = None if stages is None else list_of(as_object, stages)
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow_config(data)


def _checked_structure_v2_workflow_config(data: Any) -> V2WorkflowConfig:
    """Decode a ``V2WorkflowConfig`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "name"
    try:
        value = data.get("name")
        name = None if value is None else as_str(value)
        key = "stages"
        value = data.get("stages")
        stages = None if value is None else list_of(as_object, value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2WorkflowConfig(name=name, stages=stages)


def unstructure_v2_workflow_config(obj: V2WorkflowConfig) -> dict[str, Any]:
    """Encode a ``V2WorkflowConfig`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.name is not None:
        data["name"] = obj.name
    if obj.stages is not None:
        data["stages"] = obj.stages
    return data


def structure_v2_workflow_instance(data: Any) -> V2WorkflowInstance:
    """Decode a ``V2WorkflowInstance`` from its JSON object."""
    try:
        workflow_id = data["workflowID"]
        id = data["id"]
        created_at = data["createdAt"]
        updated_at = data["updatedAt"]
        terminated = data["terminated"]
        status = data.get("status")
        terminated_at = data.get("terminatedAt")
        error = data.get("error")
        workflow = data.get("workflow")
        if (
            type(workflow_id) is str
            and type(id) is str
            and type(created_at) is str
            and len(created_at) > 19
            and type(updated_at) is str
            and len(updated_at) > 19
            and type(terminated) is bool
            and (status is None or type(status) is list)
            and (terminated_at is None or (type(terminated_at) is str and len(terminated_at) > 19))
            and (error is None or type(error) is str)
        ):
            obj = _new(V2WorkflowInstance)
            obj.workflow_id = workflow_id
            obj.id = id
            obj._raw_created_at = created_at
            obj._raw_updated_at = updated_at
            obj.terminated = terminated
            obj.status = None if status is None else [structure_v2_stage_status(item) for item in status]
            if terminated_at is not None:
                obj._raw_terminated_at = terminated_at
            obj.error = error
            obj.workflow = None if workflow is None else structure_v2_workflow(workflow)
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow_instance(data)


def _structure_v2_workflow_instance_in_list(data: Any) -> V2WorkflowInstance:
    """Decode a ``V2WorkflowInstance`` from its JSON object."""
    try:
        workflow_id = data["workflowID"]
        id = data["id"]
        created_at = data["createdAt"]
        updated_at = data["updatedAt"]
        terminated = data["terminated"]
        status = data.get("status")
        terminated_at = data.get("terminatedAt")
        error = data.get("error")
        workflow = data.get("workflow")
        if (
            type(workflow_id) is str
            and type(id) is str
            and type(created_at) is str
            and len(created_at) > 19
            and type(updated_at) is str
            and len(updated_at) > 19
            and type(terminated) is bool
            and (status is None or type(status) is list)
            and (terminated_at is None or (type(terminated_at) is str and len(terminated_at) > 19))
            and (error is None or type(error) is str)
            and (workflow is None or type(workflow) is dict)
        ):
            obj = _new(V2WorkflowInstance)
            obj.workflow_id = workflow_id
            obj.id = id
            obj._raw_created_at = created_at
            obj._raw_updated_at = updated_at
            obj.terminated = terminated
            if status is not None:
                obj._raw_status = (PENDING, _list_of_v2_stage_status, status)
            if terminated_at is not None:
                obj._raw_terminated_at = terminated_at
            obj.error = error
            if workflow is not None:
                obj._raw_workflow = (PENDING, structure_v2_workflow, workflow)
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow_instance(data)


def _checked_structure_v2_workflow_instance(data: Any) -> V2WorkflowInstance:
    """Decode a ``V2WorkflowInstance`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "workflowID"
    try:
        workflow_id = as_str(data["workflowID"])
        key = "id"
        id = as_str(data["id"])
        key = "createdAt"
        created_at = as_datetime(data["createdAt"])
        key = "updatedAt"
        updated_at = as_datetime(data["updatedAt"])
        key = "terminated"
        terminated = as_bool(data["terminated"])
        key = "status"
        value = data.get("status")
        status = None if value is None else list_of(structure_v2_stage_status, value)
        key = "terminatedAt"
        value = data.get("terminatedAt")
        terminated_at = None if value is None else as_datetime(value)
        key = "error"
        value = data.get("error")
        error = None if value is None else as_str(value)
        key = "workflow"
        value = data.get("workflow")
        workflow = None if value is None else structure_v2_workflow(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2WorkflowInstance(
        workflow_id=workflow_id,
        id=id,
        created_at=created_at,
        updated_at=updated_at,
        terminated=terminated,
        status=status,
        terminated_at=terminated_at,
        error=error,
        workflow=workflow,
    )


def unstructure_v2_workflow_instance(obj: V2WorkflowInstance) -> dict[str, Any]:
    """Encode a ``V2WorkflowInstance`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {
        "workflowID": obj.workflow_id,
        "id": obj.id,
        "createdAt": dump_datetime(obj.created_at),
        "updatedAt": dump_datetime(obj.updated_at),
        "terminated": obj.terminated,
    }
    if obj.status is not None:
        data["status"] = [unstructure_v2_stage_status(item) for item in obj.status]
    if obj.terminated_at is not None:
        data["terminatedAt"] = dump_datetime(obj.terminated_at)
    if obj.error is not None:
        data["error"] = obj.error
    if obj.workflow is not None:
        data["workflow"] = unstructure_v2_workflow(obj.workflow)
    return data


def structure_v2_workflow_instance_history(data: Any) -> V2WorkflowInstanceHistory:
    """Decode a ``V2WorkflowInstanceHistory`` from its JSON object."""
    try:
        name = data["name"]
        input = data["input"]
        terminated = data["terminated"]
        started_at = data["startedAt"]
        error = data.get("error")
        terminated_at = data.get("terminatedAt")
        if (
            type(name) is str
            and type(terminated) is bool
            and type(started_at) is str
            and len(started_at) > 19
            and (error is None or type(error) is str)
            and (terminated_at is None or (type(terminated_at) is str and len(terminated_at) > 19))
        ):
            obj = _new(V2WorkflowInstanceHistory)
            obj.name = name
            obj.input = structure_v2_stage(input)
            obj.terminated = terminated
            obj._raw_started_at = started_at
            obj.error = error
            if terminated_at is not None:
                obj._raw_terminated_at = terminated_at
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow_instance_history(data)


def _structure_v2_workflow_instance_history_in_list(data: Any) -> V2WorkflowInstanceHistory:
    """Decode a ``V2WorkflowInstanceHistory`` from its JSON object."""
    try:
        name = data["name"]
        input = data["input"]
        terminated = data["terminated"]
        started_at = data["startedAt"]
        error = data.get("error")
        terminated_at = data.get("terminatedAt")
        if (
            type(name) is str
            and type(input) is dict
            and type(terminated) is bool
            and type(started_at) is str
            and len(started_at) > 19
            and (error is None or type(error) is str)
            and (terminated_at is None or (type(terminated_at) is str and len(terminated_at) > 19))
        ):
            obj = _new(V2WorkflowInstanceHistory)
            obj.name = name
            obj._raw_input = (PENDING, structure_v2_stage, input)
            obj.terminated = terminated
            obj._raw_started_at = started_at
            obj.error = error
            if terminated_at is not None:
                obj._raw_terminated_at = terminated_at
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow_instance_history(data)


def _checked_structure_v2_workflow_instance_history(data: Any) -> V2WorkflowInstanceHistory:
    """Decode a ``V2WorkflowInstanceHistory`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "name"
    try:
        name = as_str(data["name"])
        key = "input"
        input = structure_v2_stage(data["input"])
        key = "terminated"
        terminated = as_bool(data["terminated"])
        key = "startedAt"
        started_at = as_datetime(data["startedAt"])
        key = "error"
        value = data.get("error")
        error = None if value is None else as_str(value)
        key = "terminatedAt"
        value = data.get("terminatedAt")
        terminated_at = None if value is None else as_datetime(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2WorkflowInstanceHistory(
        name=name, input=input, terminated=terminated, started_at=started_at, error=error, terminated_at=terminated_at
    )


def unstructure_v2_workflow_instance_history(obj: V2WorkflowInstanceHistory) -> dict[str, Any]:
    """Encode a ``V2WorkflowInstanceHistory`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {
        "name": obj.name,
        "input": unstructure_v2_stage(obj.input),
        "terminated": obj.terminated,
        "startedAt": dump_datetime(obj.started_at),
    }
    if obj.error is not None:
        data["error"] = obj.error
    if obj.terminated_at is not None:
        data["terminatedAt"] = dump_datetime(obj.terminated_at)
    return data


def structure_v2_workflow_instance_history_list(data: Any) -> V2WorkflowInstanceHistoryList:
    """Decode a ``V2WorkflowInstanceHistoryList``."""
    return list_of(_structure_v2_workflow_instance_history_in_list, data)


def unstructure_v2_workflow_instance_history_list(obj: V2WorkflowInstanceHistoryList) -> Any:
    """Encode a ``V2WorkflowInstanceHistoryList``."""
    return [unstructure_v2_workflow_instance_history(item) for item in obj]


def structure_v2_workflow_instance_history_stage(data: Any) -> V2WorkflowInstanceHistoryStage:
    """Decode a ``V2WorkflowInstanceHistoryStage`` from its JSON object."""
    try:
        name = data["name"]
        input = data["input"]
        terminated = data["terminated"]
        started_at = data["startedAt"]
        attempt = data["attempt"]
        output = data.get("output")
        error = data.get("error")
        terminated_at = data.get("terminatedAt")
        last_failure = data.get("lastFailure")
        next_execution = data.get("nextExecution")
        if (
            type(name) is str
            and type(terminated) is bool
            and type(started_at) is str
            and len(started_at) > 19
            and type(attempt) is int
            and (error is None or type(error) is str)
            and (terminated_at is None or (type(terminated_at) is str and len(terminated_at) > 19))
            and (last_failure is None or type(last_failure) is str)
            and (next_execution is None or (type(next_execution) is str and len(next_execution) > 19))
        ):
            obj = _new(V2WorkflowInstanceHistoryStage)
            obj.name = name
            obj.input = structure_v2_workflow_instance_history_stage_input(input)
            obj.terminated = terminated
            obj._raw_started_at = started_at
            obj.attempt = attempt
            obj.output = None if output is None else structure_v2_workflow_instance_history_stage_output(output)
            obj.error = error
            if terminated_at is not None:
                obj._raw_terminated_at = terminated_at
            obj.last_failure = last_failure
            if next_execution is not None:
                obj._raw_next_execution = next_execution
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow_instance_history_stage(data)


def _structure_v2_workflow_instance_history_stage_in_list(data: Any) -> V2WorkflowInstanceHistoryStage:
    """Decode a ``V2WorkflowInstanceHistoryStage`` from its JSON object."""
    try:
        name = data["name"]
        input = data["input"]
        terminated = data["terminated"]
        started_at = data["startedAt"]
        attempt = data["attempt"]
        output = data.get("output")
        error = data.get("error")
        terminated_at = data.get("terminatedAt")
        last_failure = data.get("lastFailure")
        next_execution = data.get("nextExecution")
        if (
            type(name) is str
            and type(input) is dict
            and type(terminated) is bool
            and type(started_at) is str
            and len(started_at) > 19
            and type(attempt) is int
            and (output is None or type(output) is dict)
            and (error is None or type(error) is str)
            and (terminated_at is None or (type(terminated_at) is str and len(terminated_at) > 19))
            and (last_failure is None or type(last_failure) is str)
            and (next_execution is None or (type(next_execution) is str and len(next_execution) > 19))
        ):
            obj = _new(V2WorkflowInstanceHistoryStage)
            obj.name = name
            obj._raw_input = (PENDING, structure_v2_workflow_instance_history_stage_input, input)
            obj.terminated = terminated
            obj._raw_started_at = started_at
            obj.attempt = attempt
            if output is not None:
                obj._raw_output = (PENDING, structure_v2_workflow_instance_history_stage_output, output)
            obj.error = error
            if terminated_at is not None:
                obj._raw_terminated_at = terminated_at
            obj.last_failure = last_failure
            if next_execution is not None:
                obj._raw_next_execution = next_execution
            return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow_instance_history_stage(data)


def _checked_structure_v2_workflow_instance_history_stage(data: Any) -> V2WorkflowInstanceHistoryStage:
    """Decode a ``V2WorkflowInstanceHistoryStage`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "name"
    try:
        name = as_str(data["name"])
        key = "input"
        input = structure_v2_workflow_instance_history_stage_input(data["input"])
        key = "terminated"
        terminated = as_bool(data["terminated"])
        key = "startedAt"
        started_at = as_datetime(data["startedAt"])
        key = "attempt"
        attempt = as_int(data["attempt"])
        key = "output"
        value = data.get("output")
        output = None if value is None else structure_v2_workflow_instance_history_stage_output(value)
        key = "error"
        value = data.get("error")
        error = None if value is None else as_str(value)
        key = "terminatedAt"
        value = data.get("terminatedAt")
        terminated_at = None if value is None else as_datetime(value)
        key = "lastFailure"
        value = data.get("lastFailure")
        last_failure = None if value is None else as_str(value)
        key = "nextExecution"
        value = data.get("nextExecution")
        next_execution = None if value is None else as_datetime(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2WorkflowInstanceHistoryStage(
        name=name,
        input=input,
        terminated=terminated,
        started_at=started_at,
        attempt=attempt,
        output=output,
        error=error,
        terminated_at=terminated_at,
        last_failure=last_failure,
        next_execution=next_execution,
    )


def unstructure_v2_workflow_instance_history_stage(obj: V2WorkflowInstanceHistoryStage) -> dict[str, Any]:
    """Encode a ``V2WorkflowInstanceHistoryStage`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {
        "name": obj.name,
        "input": unstructure_v2_workflow_instance_history_stage_input(obj.input),
        "terminated": obj.terminated,
        "startedAt": dump_datetime(obj.started_at),
        "attempt": obj.attempt,
    }
    if obj.output is not None:
        data["output"] = unstructure_v2_workflow_instance_history_stage_output(obj.output)
    if obj.error is not None:
        data["error"] = obj.error
    if obj.terminated_at is not None:
        data["terminatedAt"] = dump_datetime(obj.terminated_at)
    if obj.last_failure is not None:
        data["lastFailure"] = obj.last_failure
    if obj.next_execution is not None:
        data["nextExecution"] = dump_datetime(obj.next_execution)
    return data


def structure_v2_workflow_instance_history_stage_input(data: Any) -> V2WorkflowInstanceHistoryStageInput:
    """Decode a ``V2WorkflowInstanceHistoryStageInput`` from its JSON object."""
    try:
        get_account = data.get("GetAccount")
        add_account_metadata = data.get("AddAccountMetadata")
        create_transaction = data.get("CreateTransaction")
        stripe_transfer = data.get("StripeTransfer")
        create_transfer_initiation = data.get("CreateTransferInitiation")
        get_payment = data.get("GetPayment")
        confirm_hold = data.get("ConfirmHold")
        credit_wallet = data.get("CreditWallet")
        debit_wallet = data.get("DebitWallet")
        get_wallet = data.get("GetWallet")
        void_hold = data.get("VoidHold")
        list_wallets = data.get("ListWallets")
        obj = _new(V2WorkflowInstanceHistoryStageInput)
        obj.get_account = None if get_account is None else structure_v2_activity_get_account(get_account)
        obj.add_account_metadata = (
            None if add_account_metadata is None else structure_v2_activity_add_account_metadata(add_account_metadata)
        )
        obj.create_transaction = (
            None if create_transaction is None else structure_v2_activity_create_transaction(create_transaction)
        )
        obj.stripe_transfer = (
            None if stripe_transfer is None else structure_v2_activity_stripe_transfer(stripe_transfer)
        )
        obj.create_transfer_initiation = (
            None
            if create_transfer_initiation is None
            else structure_v2_activity_create_transfer_initiation(create_transfer_initiation)
        )
        obj.get_payment = None if get_payment is None else structure_v2_activity_get_payment(get_payment)
        obj.confirm_hold = None if confirm_hold is None else structure_v2_activity_confirm_hold(confirm_hold)
        obj.credit_wallet = None if credit_wallet is None else structure_v2_activity_credit_wallet(credit_wallet)
        obj.debit_wallet = None if debit_wallet is None else structure_v2_activity_debit_wallet(debit_wallet)
        obj.get_wallet = None if get_wallet is None else structure_v2_activity_get_wallet(get_wallet)
        obj.void_hold = None if void_hold is None else structure_v2_activity_void_hold(void_hold)
        obj.list_wallets = None if list_wallets is None else structure_v2_activity_list_wallets(list_wallets)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow_instance_history_stage_input(data)


def _checked_structure_v2_workflow_instance_history_stage_input(data: Any) -> V2WorkflowInstanceHistoryStageInput:
    """Decode a ``V2WorkflowInstanceHistoryStageInput`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "GetAccount"
    try:
        value = data.get("GetAccount")
        get_account = None if value is None else structure_v2_activity_get_account(value)
        key = "AddAccountMetadata"
        value = data.get("AddAccountMetadata")
        add_account_metadata = None if value is None else structure_v2_activity_add_account_metadata(value)
        key = "CreateTransaction"
        value = data.get("CreateTransaction")
        create_transaction = None if value is None else structure_v2_activity_create_transaction(value)
        key = "StripeTransfer"
        value = data.get("StripeTransfer")
        stripe_transfer = None if value is None else structure_v2_activity_stripe_transfer(value)
        key = "CreateTransferInitiation"
        value = data.get("CreateTransferInitiation")
        create_transfer_initiation = None if value is None else structure_v2_activity_create_transfer_initiation(value)
        key = "GetPayment"
        value = data.get("GetPayment")
        get_payment = None if value is None else structure_v2_activity_get_payment(value)
        key = "ConfirmHold"
        value = data.get("ConfirmHold")
        confirm_hold = None if value is None else structure_v2_activity_confirm_hold(value)
        key = "CreditWallet"
        value = data.get("CreditWallet")
        credit_wallet = None if value is None else structure_v2_activity_credit_wallet(value)
        key = "DebitWallet"
        value = data.get("DebitWallet")
        debit_wallet = None if value is None else structure_v2_activity_debit_wallet(value)
        key = "GetWallet"
        value = data.get("GetWallet")
        get_wallet = None if value is None else structure_v2_activity_get_wallet(value)
        key = "VoidHold"
        value = data.get("VoidHold")
        void_hold = None if value is None else structure_v2_activity_void_hold(value)
        key = "ListWallets"
        value = data.get("ListWallets")
        list_wallets = None if value is None else structure_v2_activity_list_wallets(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2WorkflowInstanceHistoryStageInput(
        get_account=get_account,
        add_account_metadata=add_account_metadata,
        create_transaction=create_transaction,
        stripe_transfer=stripe_transfer,
        create_transfer_initiation=create_transfer_initiation,
        get_payment=get_payment,
        confirm_hold=confirm_hold,
        credit_wallet=credit_wallet,
        debit_wallet=debit_wallet,
        get_wallet=get_wallet,
        void_hold=void_hold,
        list_wallets=list_wallets,
    )


def unstructure_v2_workflow_instance_history_stage_input(obj: V2WorkflowInstanceHistoryStageInput) -> dict[str, Any]:
    """Encode a ``V2WorkflowInstanceHistoryStageInput`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.get_account is not None:
        data["GetAccount"] = unstructure_v2_activity_get_account(obj.get_account)
    if obj.add_account_metadata is not None:
        data["AddAccountMetadata"] = unstructure_v2_activity_add_account_metadata(obj.add_account_metadata)
    if obj.create_transaction is not None:
        data["CreateTransaction"] = unstructure_v2_activity_create_transaction(obj.create_transaction)
    if obj.stripe_transfer is not None:
        data["StripeTransfer"] = unstructure_v2_stripe_transfer_request(obj.stripe_transfer)
    if obj.create_transfer_initiation is not None:
        data["CreateTransferInitiation"] = unstructure_v2_create_transfer_initiation_request(
            obj.create_transfer_initiation
        )
    if obj.get_payment is not None:
        data["GetPayment"] = unstructure_v2_activity_get_payment(obj.get_payment)
    if obj.confirm_hold is not None:
        data["ConfirmHold"] = unstructure_v2_activity_confirm_hold(obj.confirm_hold)
    if obj.credit_wallet is not None:
        data["CreditWallet"] = unstructure_v2_activity_credit_wallet(obj.credit_wallet)
    if obj.debit_wallet is not None:
        data["DebitWallet"] = unstructure_v2_activity_debit_wallet(obj.debit_wallet)
    if obj.get_wallet is not None:
        data["GetWallet"] = unstructure_v2_activity_get_wallet(obj.get_wallet)
    if obj.void_hold is not None:
        data["VoidHold"] = unstructure_v2_activity_void_hold(obj.void_hold)
    if obj.list_wallets is not None:
        data["ListWallets"] = unstructure_v2_activity_list_wallets(obj.list_wallets)
    return data


def structure_v2_workflow_instance_history_stage_list(data: Any) -> V2WorkflowInstanceHistoryStageList:
    """Decode a ``V2WorkflowInstanceHistoryStageList``."""
    return list_of(_structure_v2_workflow_instance_history_stage_in_list, data)


def unstructure_v2_workflow_instance_history_stage_list(obj: V2WorkflowInstanceHistoryStageList) -> Any:
    """Encode a ``V2WorkflowInstanceHistoryStageList``."""
    return [unstructure_v2_workflow_instance_history_stage(item) for item in obj]


def structure_v2_workflow_instance_history_stage_output(data: Any) -> V2WorkflowInstanceHistoryStageOutput:
    """Decode a ``V2WorkflowInstanceHistoryStageOutput`` from its JSON object."""
    try:
        get_account = data.get("GetAccount")
        create_transaction = data.get("CreateTransaction")
        get_payment = data.get("GetPayment")
        debit_wallet = data.get("DebitWallet")
        get_wallet = data.get("GetWallet")
        list_wallets = data.get("ListWallets")
        obj = _new(V2WorkflowInstanceHistoryStageOutput)
        obj.get_account = None if get_account is None else structure_v2_activity_get_account_output(get_account)
        obj.create_transaction = (
            None if create_transaction is None else structure_v2_activity_create_transaction_output(create_transaction)
        )
        obj.get_payment = None if get_payment is None else structure_v2_activity_get_payment_output(get_payment)
        obj.debit_wallet = None if debit_wallet is None else structure_v2_activity_debit_wallet_output(debit_wallet)
        obj.get_wallet = None if get_wallet is None else structure_v2_activity_get_wallet_output(get_wallet)
        obj.list_wallets = None if list_wallets is None else structure_v2_list_wallets_response(list_wallets)
        return obj
    except (KeyError, TypeError, ValueError, AttributeError, DecodeError):
        pass
    return _checked_structure_v2_workflow_instance_history_stage_output(data)


def _checked_structure_v2_workflow_instance_history_stage_output(data: Any) -> V2WorkflowInstanceHistoryStageOutput:
    """Decode a ``V2WorkflowInstanceHistoryStageOutput`` from its JSON object, checking every field on the way."""
    if type(data) is not dict:
        raise wrong_type("object", data)
    key = "GetAccount"
    try:
        value = data.get("GetAccount")
        get_account = None if value is None else structure_v2_activity_get_account_output(value)
        key = "CreateTransaction"
        value = data.get("CreateTransaction")
        create_transaction = None if value is None else structure_v2_activity_create_transaction_output(value)
        key = "GetPayment"
        value = data.get("GetPayment")
        get_payment = None if value is None else structure_v2_activity_get_payment_output(value)
        key = "DebitWallet"
        value = data.get("DebitWallet")
        debit_wallet = None if value is None else structure_v2_activity_debit_wallet_output(value)
        key = "GetWallet"
        value = data.get("GetWallet")
        get_wallet = None if value is None else structure_v2_activity_get_wallet_output(value)
        key = "ListWallets"
        value = data.get("ListWallets")
        list_wallets = None if value is None else structure_v2_list_wallets_response(value)
    except KeyError:
        raise missing(key) from None
    except DecodeError as exc:
        raise exc.at(key) from None
    return V2WorkflowInstanceHistoryStageOutput(
        get_account=get_account,
        create_transaction=create_transaction,
        get_payment=get_payment,
        debit_wallet=debit_wallet,
        get_wallet=get_wallet,
        list_wallets=list_wallets,
    )


def unstructure_v2_workflow_instance_history_stage_output(obj: V2WorkflowInstanceHistoryStageOutput) -> dict[str, Any]:
    """Encode a ``V2WorkflowInstanceHistoryStageOutput`` as its JSON object, leaving out unset optional fields."""
    data: dict[str, Any] = {}
    if obj.get_account is not None:
        data["GetAccount"] = unstructure_v2_account_response(obj.get_account)
    if obj.create_transaction is not None:
        data["CreateTransaction"] = unstructure_v2_create_transaction_response(obj.create_transaction)
    if obj.get_payment is not None:
        data["GetPayment"] = unstructure_v2_payment_response(obj.get_payment)
    if obj.debit_wallet is not None:
        data["DebitWallet"] = unstructure_v2_debit_wallet_response(obj.debit_wallet)
    if obj.get_wallet is not None:
        data["GetWallet"] = unstructure_v2_get_wallet_response(obj.get_wallet)
    if obj.list_wallets is not None:
        data["ListWallets"] = unstructure_v2_list_wallets_response(obj.list_wallets)
    return data


# Decoders of the lazy lists (see LazyNested).
_list_of_v2_posting = partial(list_of, structure_v2_posting)
_list_of_v2_stage_status = partial(list_of, structure_v2_stage_status)


HOOKS: list[tuple[Any, Callable[[Any], Any], Callable[[Any], Any]]] = [
    (V2Account, structure_v2_account, unstructure_v2_account),
    (V2AccountResponse, structure_v2_account_response, unstructure_v2_account_response),
    (
        V2ActivityAddAccountMetadata,
        structure_v2_activity_add_account_metadata,
        unstructure_v2_activity_add_account_metadata,
    ),
    (V2ActivityConfirmHold, structure_v2_activity_confirm_hold, unstructure_v2_activity_confirm_hold),
    (V2ActivityCreateTransaction, structure_v2_activity_create_transaction, unstructure_v2_activity_create_transaction),
    (V2ActivityCreditWallet, structure_v2_activity_credit_wallet, unstructure_v2_activity_credit_wallet),
    (V2ActivityDebitWallet, structure_v2_activity_debit_wallet, unstructure_v2_activity_debit_wallet),
    (V2ActivityGetAccount, structure_v2_activity_get_account, unstructure_v2_activity_get_account),
    (V2ActivityGetPayment, structure_v2_activity_get_payment, unstructure_v2_activity_get_payment),
    (V2ActivityGetWallet, structure_v2_activity_get_wallet, unstructure_v2_activity_get_wallet),
    (V2ActivityListWallets, structure_v2_activity_list_wallets, unstructure_v2_activity_list_wallets),
    (V2ActivityVoidHold, structure_v2_activity_void_hold, unstructure_v2_activity_void_hold),
    (V2AssetHolder, structure_v2_asset_holder, unstructure_v2_asset_holder),
    (V2CreateTransactionResponse, structure_v2_create_transaction_response, unstructure_v2_create_transaction_response),
    (
        V2CreateTransferInitiationRequest,
        structure_v2_create_transfer_initiation_request,
        unstructure_v2_create_transfer_initiation_request,
    ),
    (V2CreateTriggerResponse, structure_v2_create_trigger_response, unstructure_v2_create_trigger_response),
    (V2CreateWorkflowResponse, structure_v2_create_workflow_response, unstructure_v2_create_workflow_response),
    (V2CreditWalletRequest, structure_v2_credit_wallet_request, unstructure_v2_credit_wallet_request),
    (V2Cursor, structure_v2_cursor, unstructure_v2_cursor),
    (V2DebitWalletRequest, structure_v2_debit_wallet_request, unstructure_v2_debit_wallet_request),
    (V2DebitWalletResponse, structure_v2_debit_wallet_response, unstructure_v2_debit_wallet_response),
    (V2Error, structure_v2_error, unstructure_v2_error),
    (V2GetWalletResponse, structure_v2_get_wallet_response, unstructure_v2_get_wallet_response),
    (
        V2GetWorkflowInstanceHistoryResponse,
        structure_v2_get_workflow_instance_history_response,
        unstructure_v2_get_workflow_instance_history_response,
    ),
    (
        V2GetWorkflowInstanceHistoryStageResponse,
        structure_v2_get_workflow_instance_history_stage_response,
        unstructure_v2_get_workflow_instance_history_stage_response,
    ),
    (
        V2GetWorkflowInstanceResponse,
        structure_v2_get_workflow_instance_response,
        unstructure_v2_get_workflow_instance_response,
    ),
    (V2GetWorkflowResponse, structure_v2_get_workflow_response, unstructure_v2_get_workflow_response),
    (V2Hold, structure_v2_hold, unstructure_v2_hold),
    (V2LedgerAccountSubject, structure_v2_ledger_account_subject, unstructure_v2_ledger_account_subject),
    (V2ListRunsResponse, structure_v2_list_runs_response, unstructure_v2_list_runs_response),
    (V2ListRunsResponseCursor, structure_v2_list_runs_response_cursor, unstructure_v2_list_runs_response_cursor),
    (
        V2ListTriggersOccurrencesResponse,
        structure_v2_list_triggers_occurrences_response,
        unstructure_v2_list_triggers_occurrences_response,
    ),
    (
        V2ListTriggersOccurrencesResponseCursor,
        structure_v2_list_triggers_occurrences_response_cursor,
        unstructure_v2_list_triggers_occurrences_response_cursor,
    ),
    (V2ListTriggersResponse, structure_v2_list_triggers_response, unstructure_v2_list_triggers_response),
    (
        V2ListTriggersResponseCursor,
        structure_v2_list_triggers_response_cursor,
        unstructure_v2_list_triggers_response_cursor,
    ),
    (V2ListWalletsResponse, structure_v2_list_wallets_response, unstructure_v2_list_wallets_response),
    (
        V2ListWalletsResponseCursor,
        structure_v2_list_wallets_response_cursor,
        unstructure_v2_list_wallets_response_cursor,
    ),
    (V2ListWorkflowsResponse, structure_v2_list_workflows_response, unstructure_v2_list_workflows_response),
    (
        V2ListWorkflowsResponseCursor,
        structure_v2_list_workflows_response_cursor,
        unstructure_v2_list_workflows_response_cursor,
    ),
    (V2Monetary, structure_v2_monetary, unstructure_v2_monetary),
    (V2Payment, structure_v2_payment, unstructure_v2_payment),
    (V2PaymentAdjustment, structure_v2_payment_adjustment, unstructure_v2_payment_adjustment),
    (V2PaymentMetadata, structure_v2_payment_metadata, unstructure_v2_payment_metadata),
    (V2PaymentResponse, structure_v2_payment_response, unstructure_v2_payment_response),
    (V2PostTransaction, structure_v2_post_transaction, unstructure_v2_post_transaction),
    (V2PostTransactionScript, structure_v2_post_transaction_script, unstructure_v2_post_transaction_script),
    (V2Posting, structure_v2_posting, unstructure_v2_posting),
    (V2ReadTriggerResponse, structure_v2_read_trigger_response, unstructure_v2_read_trigger_response),
    (V2RunWorkflowResponse, structure_v2_run_workflow_response, unstructure_v2_run_workflow_response),
    (V2ServerInfo, structure_v2_server_info, unstructure_v2_server_info),
    (V2Stage, structure_v2_stage, unstructure_v2_stage),
    (V2StageDelay, structure_v2_stage_delay, unstructure_v2_stage_delay),
    (V2StageSend, structure_v2_stage_send, unstructure_v2_stage_send),
    (V2StageSendDestination, structure_v2_stage_send_destination, unstructure_v2_stage_send_destination),
    (
        V2StageSendDestinationPayment,
        structure_v2_stage_send_destination_payment,
        unstructure_v2_stage_send_destination_payment,
    ),
    (V2StageSendSource, structure_v2_stage_send_source, unstructure_v2_stage_send_source),
    (V2StageSendSourceAccount, structure_v2_stage_send_source_account, unstructure_v2_stage_send_source_account),
    (V2StageSendSourcePayment, structure_v2_stage_send_source_payment, unstructure_v2_stage_send_source_payment),
    (V2StageSendSourceWallet, structure_v2_stage_send_source_wallet, unstructure_v2_stage_send_source_wallet),
    (V2StageStatus, structure_v2_stage_status, unstructure_v2_stage_status),
    (V2StageUnknown, structure_v2_stage_unknown, unstructure_v2_stage_unknown),
    (V2StageWaitEvent, structure_v2_stage_wait_event, unstructure_v2_stage_wait_event),
    (V2StripeTransferRequest, structure_v2_stripe_transfer_request, unstructure_v2_stripe_transfer_request),
    (V2Subject, structure_v2_subject, unstructure_v2_subject),
    (V2SubjectUnknown, structure_v2_subject_unknown, unstructure_v2_subject_unknown),
    (V2TestTriggerResponse, structure_v2_test_trigger_response, unstructure_v2_test_trigger_response),
    (V2Transaction, structure_v2_transaction, unstructure_v2_transaction),
    (V2Trigger, structure_v2_trigger, unstructure_v2_trigger),
    (V2TriggerData, structure_v2_trigger_data, unstructure_v2_trigger_data),
    (V2TriggerOccurrence, structure_v2_trigger_occurrence, unstructure_v2_trigger_occurrence),
    (V2TriggerTest, structure_v2_trigger_test, unstructure_v2_trigger_test),
    (V2TriggerTestFilter, structure_v2_trigger_test_filter, unstructure_v2_trigger_test_filter),
    (
        V2TriggerTestVariablesValue,
        structure_v2_trigger_test_variables_value,
        unstructure_v2_trigger_test_variables_value,
    ),
    (V2Update, structure_v2_update, unstructure_v2_update),
    (V2UpdateAccount, structure_v2_update_account, unstructure_v2_update_account),
    (V2Volume, structure_v2_volume, unstructure_v2_volume),
    (V2Wallet, structure_v2_wallet, unstructure_v2_wallet),
    (V2WalletSubject, structure_v2_wallet_subject, unstructure_v2_wallet_subject),
    (V2WalletWithBalances, structure_v2_wallet_with_balances, unstructure_v2_wallet_with_balances),
    (
        V2WalletWithBalancesBalances,
        structure_v2_wallet_with_balances_balances,
        unstructure_v2_wallet_with_balances_balances,
    ),
    (V2Workflow, structure_v2_workflow, unstructure_v2_workflow),
    (V2WorkflowConfig, structure_v2_workflow_config, unstructure_v2_workflow_config),
    (V2WorkflowInstance, structure_v2_workflow_instance, unstructure_v2_workflow_instance),
    (V2WorkflowInstanceHistory, structure_v2_workflow_instance_history, unstructure_v2_workflow_instance_history),
    (
        V2WorkflowInstanceHistoryStage,
        structure_v2_workflow_instance_history_stage,
        unstructure_v2_workflow_instance_history_stage,
    ),
    (
        V2WorkflowInstanceHistoryStageInput,
        structure_v2_workflow_instance_history_stage_input,
        unstructure_v2_workflow_instance_history_stage_input,
    ),
    (
        V2WorkflowInstanceHistoryStageOutput,
        structure_v2_workflow_instance_history_stage_output,
        unstructure_v2_workflow_instance_history_stage_output,
    ),
]
"""(type, structure function, unstructure function) for every model and union, for the converter."""

UNSTRUCTURE_HOOKS.update((tp, fn) for tp, _, fn in HOOKS if isinstance(tp, type))


STAGE_KEYS: dict[type, tuple[str, Callable[[Any], dict[str, Any]]]] = {
    V2StageSend: ("send", unstructure_v2_stage_send),
    V2StageDelay: ("delay", unstructure_v2_stage_delay),
    V2StageWaitEvent: ("wait_event", unstructure_v2_stage_wait_event),
    V2Update: ("update", unstructure_v2_update),
}
"""The key each stage model goes under in a workflow's ``stages``, and its encoder."""


def encode_stages(stages: Any) -> Any:
    """A workflow's stages: a bare stage model (``V2StageDelay(...)``) goes out under its key
    (``{"delay": {...}}``); mappings and stage builders are left to the usual encoding."""
    if not isinstance(stages, (list, tuple)):
        return stages
    out = []
    for stage in stages:
        known = STAGE_KEYS.get(type(stage))
        out.append(stage if known is None else {known[0]: known[1](stage)})
    return out
