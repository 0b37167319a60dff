package dev.takedown.core.model;

/** Who files a complaint about an item: the rightholder (against a rejection) or the seller (against a takedown). */
public enum Party {
    RIGHTHOLDER,
    SELLER
}
