package dev.takedown.core.model;

/** Webhook event types, by the name they carry on the wire. */
public enum EventType {
    NOTICE_RECEIVED("notice.received"),
    ITEMS_DECIDED("items.decided"),
    NOTICE_COMPLETED("notice.completed"),
    LISTING_RESTRICTED("listing.restricted"),
    RIGHTHOLDER_WARNED("rightholder.warned"),
    RIGHTHOLDER_TIER_CHANGED("rightholder.tier_changed"),
    SELLER_STATUS_CHANGED("seller.status_changed"),
    COUNTER_NOTICE_FILED("counter_notice.filed"),
    COUNTER_NOTICE_UPHELD("counter_notice.upheld"),
    ITEM_RESTORED("item.restored"),
    LISTING_REINSTATED("listing.reinstated"),
    COMPLAINT_DECIDED("complaint.decided");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static EventType fromWire(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type " + name);
    }
}
