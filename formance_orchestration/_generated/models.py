# Generated from orchestration-v2.yaml by tools/codegen; run `nox -s generate` after changing the generator.

"""The API's data types, one per schema of the OpenAPI document.

Attributes are snake_case; the JSON names are camelCase. Optional attributes default to ``None``, and
``None`` is never sent. Enums accept values added by newer servers (see :class:`OpenEnum`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from attrs import define

from .._codec.model import Model, OpenEnum, lazy_nested, lazy_timestamps, model_eq, model_repr

__all__ = [
    "Model",
    "OpenEnum",
    "V2Account",
    "V2AccountResponse",
    "V2ActivityAddAccountMetadata",
    "V2ActivityConfirmHold",
    "V2ActivityCreateTransaction",
    "V2ActivityCreateTransactionOutput",
    "V2ActivityCreateTransferInitiation",
    "V2ActivityCreditWallet",
    "V2ActivityDebitWallet",
    "V2ActivityDebitWalletOutput",
    "V2ActivityGetAccount",
    "V2ActivityGetAccountOutput",
    "V2ActivityGetPayment",
    "V2ActivityGetPaymentOutput",
    "V2ActivityGetWallet",
    "V2ActivityGetWalletOutput",
    "V2ActivityListWallets",
    "V2ActivityStripeTransfer",
    "V2ActivityVoidHold",
    "V2AssetHolder",
    "V2Connector",
    "V2CreateTransactionResponse",
    "V2CreateTransferInitiationRequest",
    "V2CreateTransferInitiationRequestType",
    "V2CreateTriggerResponse",
    "V2CreateWorkflowRequest",
    "V2CreateWorkflowResponse",
    "V2CreditWalletRequest",
    "V2Cursor",
    "V2DebitWalletRequest",
    "V2DebitWalletResponse",
    "V2Error",
    "V2ErrorErrorCode",
    "V2GetWalletResponse",
    "V2GetWorkflowInstanceHistoryResponse",
    "V2GetWorkflowInstanceHistoryStageResponse",
    "V2GetWorkflowInstanceResponse",
    "V2GetWorkflowResponse",
    "V2Hold",
    "V2LedgerAccountSubject",
    "V2ListRunsResponse",
    "V2ListRunsResponseCursor",
    "V2ListTriggersOccurrencesResponse",
    "V2ListTriggersOccurrencesResponseCursor",
    "V2ListTriggersResponse",
    "V2ListTriggersResponseCursor",
    "V2ListWalletsResponse",
    "V2ListWalletsResponseCursor",
    "V2ListWorkflowsResponse",
    "V2ListWorkflowsResponseCursor",
    "V2Metadata",
    "V2Monetary",
    "V2Payment",
    "V2PaymentAdjustment",
    "V2PaymentMetadata",
    "V2PaymentResponse",
    "V2PaymentScheme",
    "V2PaymentStatus",
    "V2PaymentType",
    "V2PostTransaction",
    "V2PostTransactionScript",
    "V2Posting",
    "V2ReadTriggerResponse",
    "V2RunWorkflowRequest",
    "V2RunWorkflowResponse",
    "V2ServerInfo",
    "V2Stage",
    "V2StageDelay",
    "V2StageSend",
    "V2StageSendDestination",
    "V2StageSendDestinationAccount",
    "V2StageSendDestinationPayment",
    "V2StageSendDestinationPaymentType",
    "V2StageSendDestinationWallet",
    "V2StageSendSource",
    "V2StageSendSourceAccount",
    "V2StageSendSourcePayment",
    "V2StageSendSourceWallet",
    "V2StageStatus",
    "V2StageUnknown",
    "V2StageWaitEvent",
    "V2StripeTransferRequest",
    "V2Subject",
    "V2SubjectUnknown",
    "V2TestTriggerResponse",
    "V2Transaction",
    "V2Trigger",
    "V2TriggerData",
    "V2TriggerOccurrence",
    "V2TriggerTest",
    "V2TriggerTestFilter",
    "V2TriggerTestVariablesValue",
    "V2Update",
    "V2UpdateAccount",
    "V2Volume",
    "V2Volumes",
    "V2Wallet",
    "V2WalletSubject",
    "V2WalletWithBalances",
    "V2WalletWithBalancesBalances",
    "V2Workflow",
    "V2WorkflowConfig",
    "V2WorkflowInstance",
    "V2WorkflowInstanceHistory",
    "V2WorkflowInstanceHistoryList",
    "V2WorkflowInstanceHistoryStage",
    "V2WorkflowInstanceHistoryStageInput",
    "V2WorkflowInstanceHistoryStageList",
    "V2WorkflowInstanceHistoryStageOutput",
]


@define(kw_only=True, repr=False, eq=False)
class V2Account(Model):
    """The ``V2Account`` schema.

    Attributes:
        address: JSON ``address``.
        metadata: JSON ``metadata``.
        volumes: JSON ``volumes``.
        effective_volumes: JSON ``effectiveVolumes``.
    """

    address: str | None = None
    metadata: dict[str, str] | None = None
    volumes: V2Volumes | None = None
    effective_volumes: V2Volumes | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2AccountResponse(Model):
    """The ``V2AccountResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2Account | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ActivityAddAccountMetadata(Model):
    """The ``V2ActivityAddAccountMetadata`` schema.

    Attributes:
        id: JSON ``id``.
        ledger: JSON ``ledger``.
        metadata: JSON ``metadata``.
        account: The account address. JSON ``account``.
    """

    id: str | None = None
    ledger: str | None = None
    metadata: dict[str, str] | None = None
    account: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ActivityConfirmHold(Model):
    """The ``V2ActivityConfirmHold`` schema.

    Attributes:
        id: JSON ``id``.
    """

    id: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ActivityCreateTransaction(Model):
    """The ``V2ActivityCreateTransaction`` schema.

    Attributes:
        ledger: JSON ``ledger``.
        data: JSON ``data``.
    """

    ledger: str | None = None
    data: V2PostTransaction | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ActivityCreditWallet(Model):
    """The ``V2ActivityCreditWallet`` schema.

    Attributes:
        id: JSON ``id``.
        data: JSON ``data``.
    """

    id: str | None = None
    data: V2CreditWalletRequest | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ActivityDebitWallet(Model):
    """The ``V2ActivityDebitWallet`` schema.

    Attributes:
        id: JSON ``id``.
        data: JSON ``data``.
    """

    id: str | None = None
    data: V2DebitWalletRequest | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ActivityGetAccount(Model):
    """The ``V2ActivityGetAccount`` schema.

    Attributes:
        id: JSON ``id``.
        ledger: JSON ``ledger``.
    """

    id: str | None = None
    ledger: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ActivityGetPayment(Model):
    """The ``V2ActivityGetPayment`` schema.

    Attributes:
        id: JSON ``id``.
    """

    id: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ActivityGetWallet(Model):
    """The ``V2ActivityGetWallet`` schema.

    Attributes:
        id: JSON ``id``.
    """

    id: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ActivityListWallets(Model):
    """The ``V2ActivityListWallets`` schema.

    Attributes:
        name: JSON ``name``.
    """

    name: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ActivityVoidHold(Model):
    """The ``V2ActivityVoidHold`` schema.

    Attributes:
        id: JSON ``id``.
    """

    id: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2AssetHolder(Model):
    """The ``V2AssetHolder`` schema.

    Attributes:
        assets: JSON ``assets``.
    """

    assets: dict[str, int] | None = None

    __repr__ = model_repr
    __eq__ = model_eq


class V2Connector(OpenEnum):
    """Values of ``V2Connector``.

    Unknown values from newer servers are kept, not rejected.
    """

    STRIPE = "STRIPE"
    DUMMY_PAY = "DUMMY-PAY"
    WISE = "WISE"
    MODULR = "MODULR"
    CURRENCY_CLOUD = "CURRENCY-CLOUD"
    BANKING_CIRCLE = "BANKING-CIRCLE"
    MANGOPAY = "MANGOPAY"
    MONEYCORP = "MONEYCORP"


@define(kw_only=True, repr=False, eq=False)
class V2CreateTransactionResponse(Model):
    """The ``V2CreateTransactionResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: list[V2Transaction] | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2CreateTransferInitiationRequest(Model):
    """The ``V2CreateTransferInitiationRequest`` schema.

    Attributes:
        connector_id: JSON ``connectorID``.
        provider: Payment service provider name (e.g., stripe, wise, mangopay). Validated by the Payments
            service based on installed connectors. JSON ``provider``.
        amount: JSON ``amount``.
        asset: JSON ``asset``.
        destination: Destination account ID. JSON ``destination``.
        source: Source account ID (required for TRANSFER type). JSON ``source``.
        type: Type of transfer initiation: - TRANSFER: Internal to internal account transfer - PAYOUT: Internal
            to external account payout. JSON ``type``.
        description: Description for the transfer initiation. JSON ``description``.
        waiting_validation: JSON ``waitingValidation``.
        metadata: A set of key/value pairs that you can attach to a transfer object. It can be useful for
            storing additional information about the transfer in a structured format. JSON ``metadata``.
    """

    connector_id: str | None = None
    provider: str | None = None
    amount: int | None = None
    asset: str | None = None
    destination: str | None = None
    source: str | None = None
    type: V2CreateTransferInitiationRequestType | None = None
    description: str | None = None
    waiting_validation: bool | None = None
    metadata: dict[str, Any] | None = None

    __repr__ = model_repr
    __eq__ = model_eq


class V2CreateTransferInitiationRequestType(OpenEnum):
    """Type of transfer initiation: - TRANSFER: Internal to internal account transfer - PAYOUT: Internal to external
    account payout.

    Unknown values from newer servers are kept, not rejected.
    """

    TRANSFER = "TRANSFER"
    PAYOUT = "PAYOUT"


@define(kw_only=True, repr=False, eq=False)
class V2CreateTriggerResponse(Model):
    """The ``V2CreateTriggerResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2Trigger

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2CreateWorkflowResponse(Model):
    """The ``V2CreateWorkflowResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2Workflow

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2CreditWalletRequest(Model):
    """The ``V2CreditWalletRequest`` schema.

    Attributes:
        amount: JSON ``amount``.
        metadata: Metadata associated with the wallet. JSON ``metadata``.
        reference: JSON ``reference``.
        sources: JSON ``sources``.
        balance: The balance to credit. JSON ``balance``.
        timestamp: JSON ``timestamp``.
    """

    amount: V2Monetary | None = None
    metadata: dict[str, str] | None = None
    reference: str | None = None
    sources: list[V2Subject] | None = None
    balance: str | None = None
    timestamp: datetime | None = None

    if TYPE_CHECKING:
        _raw_timestamp: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Cursor(Model):
    """The ``V2Cursor`` schema.

    Attributes:
        page_size: JSON ``pageSize``.
        has_more: JSON ``hasMore``.
        previous: JSON ``previous``.
        next: JSON ``next``.
    """

    page_size: int | None = None
    has_more: bool | None = None
    previous: str | None = None
    next: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2DebitWalletRequest(Model):
    """The ``V2DebitWalletRequest`` schema.

    Attributes:
        amount: JSON ``amount``.
        pending: Set to true to create a pending hold. If false, the wallet will be debited immediately. JSON
            ``pending``.
        metadata: Metadata associated with the wallet. JSON ``metadata``.
        description: JSON ``description``.
        destination: JSON ``destination``.
        balances: JSON ``balances``.
        timestamp: cannot be used in conjunction with `pending` property. JSON ``timestamp``.
    """

    amount: V2Monetary | None = None
    pending: bool | None = None
    metadata: dict[str, str] | None = None
    description: str | None = None
    destination: V2Subject | None = None
    balances: list[str] | None = None
    timestamp: datetime | None = None

    if TYPE_CHECKING:
        _raw_timestamp: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2DebitWalletResponse(Model):
    """The ``V2DebitWalletResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2Hold | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Error(Model):
    """The ``V2Error`` schema.

    Attributes:
        error_code: JSON ``errorCode``.
        error_message: JSON ``errorMessage``.
    """

    error_code: V2ErrorErrorCode
    error_message: str

    __repr__ = model_repr
    __eq__ = model_eq


class V2ErrorErrorCode(OpenEnum):
    """Values of ``V2ErrorErrorCode``.

    Unknown values from newer servers are kept, not rejected.
    """

    VALIDATION = "VALIDATION"
    NOT_FOUND = "NOT_FOUND"
    INTERNAL = "INTERNAL"


@define(kw_only=True, repr=False, eq=False)
class V2GetWalletResponse(Model):
    """The ``V2GetWalletResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2WalletWithBalances | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2GetWorkflowInstanceHistoryResponse(Model):
    """The ``V2GetWorkflowInstanceHistoryResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2WorkflowInstanceHistoryList

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2GetWorkflowInstanceHistoryStageResponse(Model):
    """The ``V2GetWorkflowInstanceHistoryStageResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2WorkflowInstanceHistoryStageList

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2GetWorkflowInstanceResponse(Model):
    """The ``V2GetWorkflowInstanceResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2WorkflowInstance

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2GetWorkflowResponse(Model):
    """The ``V2GetWorkflowResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2Workflow

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Hold(Model):
    """The ``V2Hold`` schema.

    Attributes:
        id: The unique ID of the hold. JSON ``id``.
        wallet_id: The ID of the wallet the hold is associated with. JSON ``walletID``.
        metadata: Metadata associated with the hold. JSON ``metadata``.
        description: JSON ``description``.
        destination: JSON ``destination``.
    """

    id: str | None = None
    wallet_id: str | None = None
    metadata: dict[str, str] | None = None
    description: str | None = None
    destination: V2Subject | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2LedgerAccountSubject(Model):
    """The ``V2LedgerAccountSubject`` schema.

    Attributes:
        type: JSON ``type``.
        identifier: JSON ``identifier``.
    """

    type: str | None = None
    identifier: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ListRunsResponse(Model):
    """The ``V2ListRunsResponse`` schema.

    Attributes:
        cursor: JSON ``cursor``.
    """

    cursor: V2ListRunsResponseCursor

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ListRunsResponseCursor(Model):
    """The ``V2ListRunsResponseCursor`` schema.

    Attributes:
        has_more: JSON ``hasMore``.
        data: JSON ``data``.
        page_size: JSON ``pageSize``.
        previous: JSON ``previous``.
        next: JSON ``next``.
    """

    has_more: bool
    data: list[V2WorkflowInstance]
    page_size: int | None = None
    previous: str | None = None
    next: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ListTriggersOccurrencesResponse(Model):
    """The ``V2ListTriggersOccurrencesResponse`` schema.

    Attributes:
        cursor: JSON ``cursor``.
    """

    cursor: V2ListTriggersOccurrencesResponseCursor

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ListTriggersOccurrencesResponseCursor(Model):
    """The ``V2ListTriggersOccurrencesResponseCursor`` schema.

    Attributes:
        has_more: JSON ``hasMore``.
        data: JSON ``data``.
        page_size: JSON ``pageSize``.
        previous: JSON ``previous``.
        next: JSON ``next``.
    """

    has_more: bool
    data: list[V2TriggerOccurrence]
    page_size: int | None = None
    previous: str | None = None
    next: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ListTriggersResponse(Model):
    """The ``V2ListTriggersResponse`` schema.

    Attributes:
        cursor: JSON ``cursor``.
    """

    cursor: V2ListTriggersResponseCursor

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ListTriggersResponseCursor(Model):
    """The ``V2ListTriggersResponseCursor`` schema.

    Attributes:
        has_more: JSON ``hasMore``.
        data: JSON ``data``.
        page_size: JSON ``pageSize``.
        previous: JSON ``previous``.
        next: JSON ``next``.
    """

    has_more: bool
    data: list[V2Trigger]
    page_size: int | None = None
    previous: str | None = None
    next: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ListWalletsResponse(Model):
    """The ``V2ListWalletsResponse`` schema.

    Attributes:
        cursor: JSON ``cursor``.
    """

    cursor: V2ListWalletsResponseCursor | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ListWalletsResponseCursor(Model):
    """The ``V2ListWalletsResponseCursor`` schema.

    Attributes:
        page_size: JSON ``pageSize``.
        has_more: JSON ``hasMore``.
        previous: JSON ``previous``.
        next: JSON ``next``.
        data: JSON ``data``.
    """

    page_size: int | None = None
    has_more: bool | None = None
    previous: str | None = None
    next: str | None = None
    data: list[V2Wallet] | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ListWorkflowsResponse(Model):
    """The ``V2ListWorkflowsResponse`` schema.

    Attributes:
        cursor: JSON ``cursor``.
    """

    cursor: V2ListWorkflowsResponseCursor

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ListWorkflowsResponseCursor(Model):
    """The ``V2ListWorkflowsResponseCursor`` schema.

    Attributes:
        has_more: JSON ``hasMore``.
        data: JSON ``data``.
        page_size: JSON ``pageSize``.
        previous: JSON ``previous``.
        next: JSON ``next``.
    """

    has_more: bool
    data: list[V2Workflow]
    page_size: int | None = None
    previous: str | None = None
    next: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Monetary(Model):
    """The ``V2Monetary`` schema.

    Attributes:
        asset: The asset of the monetary value. JSON ``asset``.
        amount: The amount of the monetary value. JSON ``amount``.
    """

    asset: str | None = None
    amount: int | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Payment(Model):
    """The ``V2Payment`` schema.

    Attributes:
        id: JSON ``id``.
        reference: JSON ``reference``.
        source_account_id: JSON ``sourceAccountID``.
        destination_account_id: JSON ``destinationAccountID``.
        connector_id: JSON ``connectorID``.
        provider: JSON ``provider``.
        type: JSON ``type``.
        status: JSON ``status``.
        initial_amount: JSON ``initialAmount``.
        scheme: JSON ``scheme``.
        asset: JSON ``asset``.
        created_at: JSON ``createdAt``.
        raw: JSON ``raw``.
        adjustments: JSON ``adjustments``.
        metadata: JSON ``metadata``.
    """

    id: str | None = None
    reference: str | None = None
    source_account_id: str | None = None
    destination_account_id: str | None = None
    connector_id: str | None = None
    provider: V2Connector | None = None
    type: V2PaymentType | None = None
    status: V2PaymentStatus | None = None
    initial_amount: int | None = None
    scheme: V2PaymentScheme | None = None
    asset: str | None = None
    created_at: datetime | None = None
    raw: dict[str, Any] | None = None
    adjustments: list[V2PaymentAdjustment] | None = None
    metadata: V2PaymentMetadata | None = None

    if TYPE_CHECKING:
        _raw_created_at: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2PaymentAdjustment(Model):
    """The ``V2PaymentAdjustment`` schema.

    Attributes:
        status: JSON ``status``.
        amount: JSON ``amount``.
        date: JSON ``date``.
        raw: JSON ``raw``.
        absolute: JSON ``absolute``.
    """

    status: V2PaymentStatus | None = None
    amount: int | None = None
    date: datetime | None = None
    raw: dict[str, Any] | None = None
    absolute: bool | None = None

    if TYPE_CHECKING:
        _raw_date: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2PaymentMetadata(Model):
    """The ``V2PaymentMetadata`` schema.

    Attributes:
        key: JSON ``key``.
    """

    key: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2PaymentResponse(Model):
    """The ``V2PaymentResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2Payment | None = None

    __repr__ = model_repr
    __eq__ = model_eq


class V2PaymentScheme(OpenEnum):
    """Values of ``V2PaymentScheme``.

    Unknown values from newer servers are kept, not rejected.
    """

    VISA = "visa"
    MASTERCARD = "mastercard"
    AMEX = "amex"
    DINERS = "diners"
    DISCOVER = "discover"
    JCB = "jcb"
    UNIONPAY = "unionpay"
    SEPA_DEBIT = "sepa debit"
    SEPA_CREDIT = "sepa credit"
    SEPA = "sepa"
    APPLE_PAY = "apple pay"
    GOOGLE_PAY = "google pay"
    A2A = "a2a"
    ACH_DEBIT = "ach debit"
    ACH = "ach"
    RTP = "rtp"
    UNKNOWN = "unknown"
    OTHER = "other"


class V2PaymentStatus(OpenEnum):
    """Values of ``V2PaymentStatus``.

    Unknown values from newer servers are kept, not rejected.
    """

    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    TERMINATED = "TERMINATED"
    FAILED = "FAILED"
    SUCCEEDED = "SUCCEEDED"
    CANCELLED = "CANCELLED"


class V2PaymentType(OpenEnum):
    """Values of ``V2PaymentType``.

    Unknown values from newer servers are kept, not rejected.
    """

    PAY_IN = "PAY-IN"
    PAYOUT = "PAYOUT"
    TRANSFER = "TRANSFER"
    OTHER = "OTHER"


@define(kw_only=True, repr=False, eq=False)
class V2PostTransaction(Model):
    """The ``V2PostTransaction`` schema.

    Attributes:
        timestamp: JSON ``timestamp``.
        postings: JSON ``postings``.
        script: JSON ``script``.
        reference: JSON ``reference``.
        metadata: JSON ``metadata``.
    """

    timestamp: datetime | None = None
    postings: list[V2Posting] | None = None
    script: V2PostTransactionScript | None = None
    reference: str | None = None
    metadata: V2Metadata | None = None

    if TYPE_CHECKING:
        _raw_timestamp: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2PostTransactionScript(Model):
    """The ``V2PostTransactionScript`` schema.

    Attributes:
        plain: JSON ``plain``.
        vars: JSON ``vars``.
    """

    plain: str | None = None
    vars: dict[str, Any] | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Posting(Model):
    """The ``V2Posting`` schema.

    Attributes:
        amount: JSON ``amount``.
        asset: JSON ``asset``.
        destination: JSON ``destination``.
        source: JSON ``source``.
    """

    amount: int | None = None
    asset: str | None = None
    destination: str | None = None
    source: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ReadTriggerResponse(Model):
    """The ``V2ReadTriggerResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2Trigger

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2RunWorkflowResponse(Model):
    """The ``V2RunWorkflowResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2WorkflowInstance

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2ServerInfo(Model):
    """The ``V2ServerInfo`` schema.

    Attributes:
        version: JSON ``version``.
    """

    version: str

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StageDelay(Model):
    """The ``V2StageDelay`` schema.

    Attributes:
        until: JSON ``until``.
        duration: JSON ``duration``.
    """

    until: datetime | None = None
    duration: str | None = None

    if TYPE_CHECKING:
        _raw_until: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StageSend(Model):
    """The ``V2StageSend`` schema.

    Attributes:
        amount: JSON ``amount``.
        destination: JSON ``destination``.
        source: JSON ``source``.
        metadata: JSON ``metadata``.
        timestamp: JSON ``timestamp``.
    """

    amount: V2Monetary | None = None
    destination: V2StageSendDestination | None = None
    source: V2StageSendSource | None = None
    metadata: dict[str, str] | None = None
    timestamp: datetime | None = None

    if TYPE_CHECKING:
        _raw_timestamp: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StageSendDestination(Model):
    """The ``V2StageSendDestination`` schema.

    Attributes:
        wallet: JSON ``wallet``.
        account: JSON ``account``.
        payment: JSON ``payment``.
    """

    wallet: V2StageSendDestinationWallet | None = None
    account: V2StageSendDestinationAccount | None = None
    payment: V2StageSendDestinationPayment | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StageSendDestinationPayment(Model):
    """The ``V2StageSendDestinationPayment`` schema.

    Attributes:
        psp: Payment service provider name (e.g., stripe, wise, mangopay). Validated by the Payments service
            based on installed connectors. JSON ``psp``.
        type: Type of transfer initiation: - TRANSFER: Internal to internal account transfer - PAYOUT: Internal
            to external account payout. JSON ``type``.
        source_account: Formance Payments account ID for the source (internal PSP account). If not specified,
            the Payments service may use a default account for the connector. JSON ``sourceAccount``.
        connector_id: Payments connector id. JSON ``connectorId``.
        waiting_validation: Create the transfer waiting for validation. JSON ``waitingValidation``.
        metadata: Metadata. JSON ``metadata``.
    """

    psp: str | None = None
    type: V2StageSendDestinationPaymentType | None = None
    source_account: str | None = None
    connector_id: str | None = None
    waiting_validation: bool | None = None
    metadata: dict[str, str] | None = None

    __repr__ = model_repr
    __eq__ = model_eq


class V2StageSendDestinationPaymentType(OpenEnum):
    """Type of transfer initiation: - TRANSFER: Internal to internal account transfer - PAYOUT: Internal to external
    account payout.

    Unknown values from newer servers are kept, not rejected.
    """

    TRANSFER = "TRANSFER"
    PAYOUT = "PAYOUT"


@define(kw_only=True, repr=False, eq=False)
class V2StageSendSource(Model):
    """The ``V2StageSendSource`` schema.

    Attributes:
        wallet: JSON ``wallet``.
        account: JSON ``account``.
        payment: JSON ``payment``.
    """

    wallet: V2StageSendSourceWallet | None = None
    account: V2StageSendSourceAccount | None = None
    payment: V2StageSendSourcePayment | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StageSendSourceAccount(Model):
    """The ``V2StageSendSourceAccount`` schema.

    Attributes:
        id: JSON ``id``.
        ledger: JSON ``ledger``.
        through_account: Account used when this ledger account interacts with external systems (payments, cross-
            ledger). - As SOURCE going to payment: funds are sent to this account (e.g., "liabilities:payouts-
            pending") - As DESTINATION from payment: funds come from this account (e.g., "assets:stripe:incoming") -
            For cross-ledger transfers: replaces "world" on both sides. JSON ``throughAccount``.
        allow_overdraft: Enables unbounded overdraft on the throughAccount when set to true. This is useful when
            the throughAccount represents a liability or bridge account that needs to go negative (e.g.,
            "liabilities:payouts-pending"). Only applies when throughAccount is not "world" (which already has
            unbounded overdraft). JSON ``allowOverdraft``.
    """

    id: str | None = None
    ledger: str | None = None
    through_account: str | None = None
    allow_overdraft: bool | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StageSendSourcePayment(Model):
    """The ``V2StageSendSourcePayment`` schema.

    Attributes:
        id: JSON ``id``.
        ledger: Ledger to use for payment ingestion. Defaults to the internal orchestration ledger. JSON
            ``ledger``.
        holding_account: Intermediate account where payment funds are held. Defaults to "payment:{paymentID}"
            format. JSON ``holdingAccount``.
        through_account: Source account for the payment ingestion transaction. Defaults to "world". JSON
            ``throughAccount``.
        allow_overdraft: Enables unbounded overdraft on the throughAccount when set to true. Only applies when
            throughAccount is not "world" (which already has unbounded overdraft). JSON ``allowOverdraft``.
    """

    id: str | None = None
    ledger: str | None = None
    holding_account: str | None = None
    through_account: str | None = None
    allow_overdraft: bool | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StageSendSourceWallet(Model):
    """The ``V2StageSendSourceWallet`` schema.

    Attributes:
        id: JSON ``id``.
        balance: JSON ``balance``.
        name: The wallet name (instead of id). JSON ``name``.
    """

    id: str | None = None
    balance: str | None = None
    name: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StageStatus(Model):
    """The ``V2StageStatus`` schema.

    Attributes:
        stage: JSON ``stage``.
        instance_id: JSON ``instanceID``.
        started_at: JSON ``startedAt``.
        terminated_at: JSON ``terminatedAt``.
        error: JSON ``error``.
        temporal_run_id: The Temporal run of the stage. JSON ``temporalRunID``.
    """

    stage: int | float
    instance_id: str
    started_at: datetime
    terminated_at: datetime | None = None
    error: str | None = None
    temporal_run_id: str | None = None

    if TYPE_CHECKING:
        _raw_started_at: Any
        _raw_terminated_at: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StageUnknown:
    """A ``V2Stage`` sent by a newer server: an object with none of the keys of the members this SDK knows. The JSON
    object is kept whole in ``raw``, so nothing is lost, and encoding gives it back unchanged.

    Attributes:
        raw: The whole JSON object, as it came.
    """

    raw: dict[str, Any]

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StageWaitEvent(Model):
    """The ``V2StageWaitEvent`` schema.

    Attributes:
        event: JSON ``event``.
    """

    event: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2StripeTransferRequest(Model):
    """The ``V2StripeTransferRequest`` schema.

    Attributes:
        connector_id: JSON ``connectorID``.
        amount: JSON ``amount``.
        asset: JSON ``asset``.
        destination: JSON ``destination``.
        waiting_validation: JSON ``waitingValidation``.
        metadata: A set of key/value pairs that you can attach to a transfer object. It can be useful for
            storing additional information about the transfer in a structured format. JSON ``metadata``.
    """

    connector_id: str | None = None
    amount: int | None = None
    asset: str | None = None
    destination: str | None = None
    waiting_validation: bool | None = None
    metadata: dict[str, Any] | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2SubjectUnknown:
    """A ``V2Subject`` sent by a newer server: a ``type`` this SDK does not know yet. The JSON object is kept whole in
    ``raw``, so nothing is lost, and encoding gives it back unchanged.

    Attributes:
        type: The ``type`` the server sent (``None`` when absent).
        raw: The whole JSON object, as it came.
    """

    type: str | None
    raw: dict[str, Any]

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2TestTriggerResponse(Model):
    """The ``V2TestTriggerResponse`` schema.

    Attributes:
        data: JSON ``data``.
    """

    data: V2TriggerTest

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Transaction(Model):
    """The ``V2Transaction`` schema.

    Attributes:
        timestamp: JSON ``timestamp``.
        postings: JSON ``postings``.
        reference: JSON ``reference``.
        metadata: JSON ``metadata``.
        txid: JSON ``txid``.
    """

    timestamp: datetime | None = None
    postings: list[V2Posting] | None = None
    reference: str | None = None
    metadata: V2Metadata | None = None
    txid: int | None = None

    if TYPE_CHECKING:
        _raw_timestamp: Any
        _raw_postings: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Trigger(Model):
    """The ``V2Trigger`` schema.

    Attributes:
        event: JSON ``event``.
        workflow_id: JSON ``workflowID``.
        id: JSON ``id``.
        created_at: JSON ``createdAt``.
        version: JSON ``version``.
        filter: JSON ``filter``.
        vars: JSON ``vars``.
        name: JSON ``name``.
        workflow: Always null. JSON ``workflow``.
    """

    event: str
    workflow_id: str
    id: str
    created_at: datetime
    version: str | None = None
    filter: str | None = None
    vars: dict[str, Any] | None = None
    name: str | None = None
    workflow: dict[str, Any] | None = None

    if TYPE_CHECKING:
        _raw_created_at: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2TriggerData(Model):
    """The ``V2TriggerData`` schema.

    Attributes:
        event: JSON ``event``.
        workflow_id: JSON ``workflowID``.
        version: JSON ``version``.
        filter: JSON ``filter``.
        vars: JSON ``vars``.
        name: JSON ``name``.
    """

    event: str
    workflow_id: str
    version: str | None = None
    filter: str | None = None
    vars: dict[str, Any] | None = None
    name: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2TriggerOccurrence(Model):
    """The ``V2TriggerOccurrence`` schema.

    Attributes:
        date: JSON ``date``.
        trigger_id: JSON ``triggerID``.
        event: JSON ``event``.
        workflow_instance_id: JSON ``workflowInstanceID``.
        workflow_instance: JSON ``workflowInstance``.
        error: JSON ``error``.
        id: The occurrence id. JSON ``id``.
    """

    date: datetime
    trigger_id: str
    event: dict[str, Any]
    workflow_instance_id: str | None = None
    workflow_instance: V2WorkflowInstance | None = None
    error: str | None = None
    id: str | None = None

    if TYPE_CHECKING:
        _raw_date: Any
        _raw_workflow_instance: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2TriggerTest(Model):
    """The ``V2TriggerTest`` schema.

    Attributes:
        filter: JSON ``filter``.
        variables: JSON ``variables``.
    """

    filter: V2TriggerTestFilter | None = None
    variables: dict[str, V2TriggerTestVariablesValue] | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2TriggerTestFilter(Model):
    """The ``V2TriggerTestFilter`` schema.

    Attributes:
        match: JSON ``match``.
        error: JSON ``error``.
    """

    match: bool | None = None
    error: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2TriggerTestVariablesValue(Model):
    """The ``V2TriggerTestVariablesValue`` schema.

    Attributes:
        value: JSON ``value``.
        error: JSON ``error``.
    """

    value: str | None = None
    error: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Update(Model):
    """The ``V2Update`` schema.

    Attributes:
        account: JSON ``account``.
    """

    account: V2UpdateAccount | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2UpdateAccount(Model):
    """The ``V2UpdateAccount`` schema.

    Attributes:
        id: JSON ``id``.
        metadata: JSON ``metadata``.
        ledger: JSON ``ledger``.
    """

    id: str | None = None
    metadata: dict[str, str] | None = None
    ledger: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Volume(Model):
    """The ``V2Volume`` schema.

    Attributes:
        input: JSON ``input``.
        output: JSON ``output``.
        balance: JSON ``balance``.
    """

    input: int | None = None
    output: int | None = None
    balance: int | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Wallet(Model):
    """The ``V2Wallet`` schema.

    Attributes:
        id: The unique ID of the wallet. JSON ``id``.
        metadata: Metadata associated with the wallet. JSON ``metadata``.
        name: JSON ``name``.
        created_at: JSON ``createdAt``.
        ledger: JSON ``ledger``.
    """

    id: str | None = None
    metadata: dict[str, str] | None = None
    name: str | None = None
    created_at: datetime | None = None
    ledger: str | None = None

    if TYPE_CHECKING:
        _raw_created_at: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2WalletSubject(Model):
    """The ``V2WalletSubject`` schema.

    Attributes:
        type: JSON ``type``.
        identifier: JSON ``identifier``.
        balance: JSON ``balance``.
    """

    type: str | None = None
    identifier: str | None = None
    balance: str | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2WalletWithBalances(Model):
    """The ``V2WalletWithBalances`` schema.

    Attributes:
        id: The unique ID of the wallet. JSON ``id``.
        metadata: Metadata associated with the wallet. JSON ``metadata``.
        name: JSON ``name``.
        created_at: JSON ``createdAt``.
        balances: JSON ``balances``.
        ledger: JSON ``ledger``.
    """

    id: str | None = None
    metadata: dict[str, str] | None = None
    name: str | None = None
    created_at: datetime | None = None
    balances: V2WalletWithBalancesBalances | None = None
    ledger: str | None = None

    if TYPE_CHECKING:
        _raw_created_at: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2WalletWithBalancesBalances(Model):
    """The ``V2WalletWithBalancesBalances`` schema.

    Attributes:
        main: JSON ``main``.
    """

    main: V2AssetHolder | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2Workflow(Model):
    """The ``V2Workflow`` schema.

    Attributes:
        config: JSON ``config``.
        created_at: JSON ``createdAt``.
        updated_at: JSON ``updatedAt``.
        id: JSON ``id``.
        deleted_at: Soft-deletion time. JSON ``deletedAt``.
    """

    config: V2WorkflowConfig
    created_at: datetime
    updated_at: datetime
    id: str
    deleted_at: datetime | None = None

    if TYPE_CHECKING:
        _raw_config: Any
        _raw_created_at: Any
        _raw_updated_at: Any
        _raw_deleted_at: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2WorkflowConfig(Model):
    """The ``V2WorkflowConfig`` schema.

    Attributes:
        name: JSON ``name``.
        stages: JSON ``stages``.
    """

    name: str | None = None
    stages: list[dict[str, Any]] | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2WorkflowInstance(Model):
    """The ``V2WorkflowInstance`` schema.

    Attributes:
        workflow_id: JSON ``workflowID``.
        id: JSON ``id``.
        created_at: JSON ``createdAt``.
        updated_at: JSON ``updatedAt``.
        terminated: JSON ``terminated``.
        status: JSON ``status``.
        terminated_at: JSON ``terminatedAt``.
        error: JSON ``error``.
        workflow: JSON ``workflow``.
    """

    workflow_id: str
    id: str
    created_at: datetime
    updated_at: datetime
    terminated: bool
    status: list[V2StageStatus] | None = None
    terminated_at: datetime | None = None
    error: str | None = None
    workflow: V2Workflow | None = None

    if TYPE_CHECKING:
        _raw_created_at: Any
        _raw_updated_at: Any
        _raw_status: Any
        _raw_terminated_at: Any
        _raw_workflow: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2WorkflowInstanceHistory(Model):
    """The ``V2WorkflowInstanceHistory`` schema.

    Attributes:
        name: JSON ``name``.
        input: JSON ``input``.
        terminated: JSON ``terminated``.
        started_at: JSON ``startedAt``.
        error: JSON ``error``.
        terminated_at: JSON ``terminatedAt``.
    """

    name: str
    input: V2Stage
    terminated: bool
    started_at: datetime
    error: str | None = None
    terminated_at: datetime | None = None

    if TYPE_CHECKING:
        _raw_input: Any
        _raw_started_at: Any
        _raw_terminated_at: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2WorkflowInstanceHistoryStage(Model):
    """The ``V2WorkflowInstanceHistoryStage`` schema.

    Attributes:
        name: JSON ``name``.
        input: JSON ``input``.
        terminated: JSON ``terminated``.
        started_at: JSON ``startedAt``.
        attempt: JSON ``attempt``.
        output: JSON ``output``.
        error: JSON ``error``.
        terminated_at: JSON ``terminatedAt``.
        last_failure: JSON ``lastFailure``.
        next_execution: JSON ``nextExecution``.
    """

    name: str
    input: V2WorkflowInstanceHistoryStageInput
    terminated: bool
    started_at: datetime
    attempt: int
    output: V2WorkflowInstanceHistoryStageOutput | None = None
    error: str | None = None
    terminated_at: datetime | None = None
    last_failure: str | None = None
    next_execution: datetime | None = None

    if TYPE_CHECKING:
        _raw_input: Any
        _raw_started_at: Any
        _raw_output: Any
        _raw_terminated_at: Any
        _raw_next_execution: Any

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2WorkflowInstanceHistoryStageInput(Model):
    """The ``V2WorkflowInstanceHistoryStageInput`` schema.

    Attributes:
        get_account: JSON ``GetAccount``.
        add_account_metadata: JSON ``AddAccountMetadata``.
        create_transaction: JSON ``CreateTransaction``.
        stripe_transfer: JSON ``StripeTransfer``.
        create_transfer_initiation: JSON ``CreateTransferInitiation``.
        get_payment: JSON ``GetPayment``.
        confirm_hold: JSON ``ConfirmHold``.
        credit_wallet: JSON ``CreditWallet``.
        debit_wallet: JSON ``DebitWallet``.
        get_wallet: JSON ``GetWallet``.
        void_hold: JSON ``VoidHold``.
        list_wallets: JSON ``ListWallets``.
    """

    get_account: V2ActivityGetAccount | None = None
    add_account_metadata: V2ActivityAddAccountMetadata | None = None
    create_transaction: V2ActivityCreateTransaction | None = None
    stripe_transfer: V2ActivityStripeTransfer | None = None
    create_transfer_initiation: V2ActivityCreateTransferInitiation | None = None
    get_payment: V2ActivityGetPayment | None = None
    confirm_hold: V2ActivityConfirmHold | None = None
    credit_wallet: V2ActivityCreditWallet | None = None
    debit_wallet: V2ActivityDebitWallet | None = None
    get_wallet: V2ActivityGetWallet | None = None
    void_hold: V2ActivityVoidHold | None = None
    list_wallets: V2ActivityListWallets | None = None

    __repr__ = model_repr
    __eq__ = model_eq


@define(kw_only=True, repr=False, eq=False)
class V2WorkflowInstanceHistoryStageOutput(Model):
    """The ``V2WorkflowInstanceHistoryStageOutput`` schema.

    Attributes:
        get_account: JSON ``GetAccount``.
        create_transaction: JSON ``CreateTransaction``.
        get_payment: JSON ``GetPayment``.
        debit_wallet: JSON ``DebitWallet``.
        get_wallet: JSON ``GetWallet``.
        list_wallets: JSON ``ListWallets``.
    """

    get_account: V2ActivityGetAccountOutput | None = None
    create_transaction: V2ActivityCreateTransactionOutput | None = None
    get_payment: V2ActivityGetPaymentOutput | None = None
    debit_wallet: V2ActivityDebitWalletOutput | None = None
    get_wallet: V2ActivityGetWalletOutput | None = None
    list_wallets: V2ListWalletsResponse | None = None

    __repr__ = model_repr
    __eq__ = model_eq


V2ActivityCreateTransactionOutput: TypeAlias = V2CreateTransactionResponse
"""The ``V2ActivityCreateTransactionOutput`` schema."""


V2ActivityCreateTransferInitiation: TypeAlias = V2CreateTransferInitiationRequest
"""The ``V2ActivityCreateTransferInitiation`` schema."""


V2ActivityDebitWalletOutput: TypeAlias = V2DebitWalletResponse
"""The ``V2ActivityDebitWalletOutput`` schema."""


V2ActivityGetAccountOutput: TypeAlias = V2AccountResponse
"""The ``V2ActivityGetAccountOutput`` schema."""


V2ActivityGetPaymentOutput: TypeAlias = V2PaymentResponse
"""The ``V2ActivityGetPaymentOutput`` schema."""


V2ActivityGetWalletOutput: TypeAlias = V2GetWalletResponse
"""The ``V2ActivityGetWalletOutput`` schema."""


V2ActivityStripeTransfer: TypeAlias = V2StripeTransferRequest
"""The ``V2ActivityStripeTransfer`` schema."""


V2CreateWorkflowRequest: TypeAlias = V2WorkflowConfig
"""The ``V2CreateWorkflowRequest`` schema."""


V2Metadata: TypeAlias = dict[str, str]
"""The ``V2Metadata`` schema."""


V2RunWorkflowRequest: TypeAlias = dict[str, str]
"""The ``V2RunWorkflowRequest`` schema."""


V2Stage: TypeAlias = V2StageSend | V2StageDelay | V2StageWaitEvent | V2Update | V2StageUnknown
"""Any of these; decoding picks the first whose own keys are present. A member this SDK does not know yet decodes to
:class:`V2StageUnknown`."""


V2StageSendDestinationAccount: TypeAlias = V2StageSendSourceAccount
"""The ``V2StageSendDestinationAccount`` schema."""


V2StageSendDestinationWallet: TypeAlias = V2StageSendSourceWallet
"""The ``V2StageSendDestinationWallet`` schema."""


V2Subject: TypeAlias = V2LedgerAccountSubject | V2WalletSubject | V2SubjectUnknown
"""One of these, told apart by ``type``. A member this SDK does not know yet decodes to :class:`V2SubjectUnknown`."""


V2Volumes: TypeAlias = dict[str, V2Volume]
"""The ``V2Volumes`` schema."""


V2WorkflowInstanceHistoryList: TypeAlias = list[V2WorkflowInstanceHistory]
"""The ``V2WorkflowInstanceHistoryList`` schema."""


V2WorkflowInstanceHistoryStageList: TypeAlias = list[V2WorkflowInstanceHistoryStage]
"""The ``V2WorkflowInstanceHistoryStageList`` schema."""


# Decoded answers keep timestamps as their JSON text, and the nested objects of models that come in
# lists as their JSON, until first read (see LazyTimestamp and LazyNested).
lazy_timestamps(V2CreditWalletRequest, {"timestamp": "timestamp"})
lazy_timestamps(V2DebitWalletRequest, {"timestamp": "timestamp"})
lazy_timestamps(V2Payment, {"created_at": "createdAt"})
lazy_timestamps(V2PaymentAdjustment, {"date": "date"})
lazy_timestamps(V2PostTransaction, {"timestamp": "timestamp"})
lazy_timestamps(V2StageDelay, {"until": "until"})
lazy_timestamps(V2StageSend, {"timestamp": "timestamp"})
lazy_timestamps(V2StageStatus, {"started_at": "startedAt", "terminated_at": "terminatedAt"})
lazy_timestamps(V2Transaction, {"timestamp": "timestamp"})
lazy_nested(V2Transaction, {"postings": "postings"})
lazy_timestamps(V2Trigger, {"created_at": "createdAt"})
lazy_timestamps(V2TriggerOccurrence, {"date": "date"})
lazy_nested(V2TriggerOccurrence, {"workflow_instance": "workflowInstance"})
lazy_timestamps(V2Wallet, {"created_at": "createdAt"})
lazy_timestamps(V2WalletWithBalances, {"created_at": "createdAt"})
lazy_timestamps(V2Workflow, {"created_at": "createdAt", "updated_at": "updatedAt", "deleted_at": "deletedAt"})
lazy_nested(V2Workflow, {"config": "config"})
lazy_timestamps(
    V2WorkflowInstance, {"created_at": "createdAt", "updated_at": "updatedAt", "terminated_at": "terminatedAt"}
)
lazy_nested(V2WorkflowInstance, {"status": "status", "workflow": "workflow"})
lazy_timestamps(V2WorkflowInstanceHistory, {"started_at": "startedAt", "terminated_at": "terminatedAt"})
lazy_nested(V2WorkflowInstanceHistory, {"input": "input"})
lazy_timestamps(
    V2WorkflowInstanceHistoryStage,
    {"started_at": "startedAt", "terminated_at": "terminatedAt", "next_execution": "nextExecution"},
)
lazy_nested(V2WorkflowInstanceHistoryStage, {"input": "input", "output": "output"})
