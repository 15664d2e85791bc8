// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import "./IERC7857.sol";
import {Signatures} from "./Signatures.sol";

interface IAgentToken is IERC7857, IERC2981 {
    function ownerOf(uint256 tokenId) external view returns (address);
}

/// A marketplace for ERC-7857 agents. Listings (signed by sellers) and offers (signed by buyers) are EIP-712 orders
/// in this contract's domain (name "Levity AgentMarket", version "1", this chain) with a nonce, an expiry and an
/// optional counterparty (address(0) for anyone). A sale settles only through the token's proof-checked iTransfer
/// (the seller approves this market as its operator); the creator's royalty (ERC-2981) and the platform fee are
/// credited at settlement, the rest to the seller; everyone withdraws what they are owed. A nonce is used once.
contract AgentMarket {
    bytes32 public constant NAME_HASH = keccak256("Levity AgentMarket");
    bytes32 public constant LISTING_TYPEHASH = keccak256(
        "Listing(address seller,address nft,uint256 tokenId,uint256 price,address buyer,uint256 nonce,uint256 expiry)"
    );
    bytes32 public constant OFFER_TYPEHASH = keccak256(
        "Offer(address buyer,address nft,uint256 tokenId,uint256 price,address seller,uint256 nonce,uint256 expiry)"
    );
    uint16 public constant MAX_FEE_BPS = 1000;

    /// A listing (maker = seller, taker = buyer) or an offer (maker = buyer, taker = seller).
    struct Order {
        address maker;
        address nft;
        uint256 tokenId;
        uint256 price;
        address taker;
        uint256 nonce;
        uint256 expiry;
    }

    address public admin;
    address public feeRecipient;
    uint16 public feeBps;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(uint256 => bool)) public nonceUsed;

    event Sold(
        address indexed nft,
        uint256 indexed tokenId,
        address seller,
        address buyer,
        uint256 price,
        address royaltyReceiver,
        uint256 royalty,
        uint256 fee
    );
    event OrderCancelled(address indexed maker, uint256 nonce);
    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);
    event FeeChanged(uint16 feeBps, address feeRecipient);

    error NotAdmin(address caller);
    error FeeTooHigh(uint16 bps);
    error OrderExpired(uint256 expiry, uint256 timestamp);
    error OrderAlreadyUsed(address maker, uint256 nonce);
    error WrongOrderSigner(address signer, address maker);
    error NotOrderTaker(address caller, address taker);
    error WrongPayment(uint256 price, uint256 paid);
    error SellerNotOwner(address seller, address owner);
    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    error PaymentsExceedPrice(uint256 price, uint256 royalty, uint256 fee);
    error WithdrawalFailed(address account, uint256 amount);

    constructor(address admin_, uint16 feeBps_, address feeRecipient_) {
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_);
        admin = admin_;
        feeBps = feeBps_;
        feeRecipient = feeRecipient_;
    }

    function setFee(uint16 feeBps_, address feeRecipient_) external {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_);
        feeBps = feeBps_;
        feeRecipient = feeRecipient_;
        emit FeeChanged(feeBps_, feeRecipient_);
    }

    /// Buys a listed token: pays exactly its price; `proofs` move the token's data to the caller.
    function buy(Order calldata listing, bytes calldata signature, TransferValidityProof[] calldata proofs)
        external
        payable
    {
        checkOrder(listing, LISTING_TYPEHASH, signature);
        if (msg.value != listing.price) revert WrongPayment(listing.price, msg.value);
        address owner = IAgentToken(listing.nft).ownerOf(listing.tokenId);
        if (owner != listing.maker) revert SellerNotOwner(listing.maker, owner);
        settle(listing, listing.maker, msg.sender, proofs);
    }

    /// Accepts an offer for a token the caller owns; the price comes from the buyer's deposit here.
    function acceptOffer(Order calldata offer, bytes calldata signature, TransferValidityProof[] calldata proofs)
        external
    {
        checkOrder(offer, OFFER_TYPEHASH, signature);
        address owner = IAgentToken(offer.nft).ownerOf(offer.tokenId);
        if (owner != msg.sender) revert SellerNotOwner(msg.sender, owner);
        uint256 balance = balanceOf[offer.maker];
        if (balance < offer.price) revert InsufficientBalance(offer.maker, balance, offer.price);
        balanceOf[offer.maker] = balance - offer.price;
        settle(offer, msg.sender, offer.maker, proofs);
    }

    /// Makes every order of the caller's with this nonce unusable.
    function cancel(uint256 nonce) external {
        if (nonceUsed[msg.sender][nonce]) revert OrderAlreadyUsed(msg.sender, nonce);
        nonceUsed[msg.sender][nonce] = true;
        emit OrderCancelled(msg.sender, nonce);
    }

    function deposit() external payable {
        balanceOf[msg.sender] += msg.value;
        emit Deposited(msg.sender, msg.value);
    }

    function withdraw(uint256 amount) external {
        uint256 balance = balanceOf[msg.sender];
        if (balance < amount) revert InsufficientBalance(msg.sender, balance, amount);
        balanceOf[msg.sender] = balance - amount;
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert WithdrawalFailed(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    function orderDigest(Order calldata order, bytes32 typehash) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                typehash, order.maker, order.nft, order.tokenId, order.price, order.taker, order.nonce, order.expiry
            )
        );
        return Signatures.digest(Signatures.domain(NAME_HASH, address(this)), structHash);
    }

    function checkOrder(Order calldata order, bytes32 typehash, bytes calldata signature) private {
        if (block.timestamp > order.expiry) revert OrderExpired(order.expiry, block.timestamp);
        if (order.taker != address(0) && order.taker != msg.sender) revert NotOrderTaker(msg.sender, order.taker);
        address signer = Signatures.recover(orderDigest(order, typehash), signature);
        if (signer != order.maker) revert WrongOrderSigner(signer, order.maker);
        if (nonceUsed[order.maker][order.nonce]) revert OrderAlreadyUsed(order.maker, order.nonce);
        nonceUsed[order.maker][order.nonce] = true;
    }

    function settle(Order calldata order, address seller, address buyer, TransferValidityProof[] calldata proofs)
        private
    {
        IAgentToken nft = IAgentToken(order.nft);
        (address royaltyReceiver, uint256 royalty) = nft.royaltyInfo(order.tokenId, order.price);
        uint256 fee = order.price * feeBps / 10_000;
        if (royalty + fee > order.price) revert PaymentsExceedPrice(order.price, royalty, fee);
        balanceOf[royaltyReceiver] += royalty;
        balanceOf[feeRecipient] += fee;
        balanceOf[seller] += order.price - royalty - fee;
        nft.iTransfer(buyer, order.tokenId, proofs);
        emit Sold(order.nft, order.tokenId, seller, buyer, order.price, royaltyReceiver, royalty, fee);
    }
}
