package dev.takedown.core.model;

/**
 * One line of a notice: the listing it names (by URL, by id, or both once the URL was recognised) and
 * where its decision stands. {@code duplicateOf} is the index of the first line naming the same listing.
 */
public record NoticeItem(
        int index,
        String url,
        String listingId,
        ItemStatus status,
        ItemReason reason,
        Integer duplicateOf) {

    public static NoticeItem open(int index, String url, String listingId) {
        return new NoticeItem(index, url, listingId, ItemStatus.RECEIVED, null, null);
    }

    public static NoticeItem rejected(int index, String url, ItemReason reason) {
        return new NoticeItem(index, url, null, ItemStatus.REJECTED, reason, null);
    }

    public static NoticeItem duplicateInNotice(int index, String url, String listingId, int firstIndex) {
        return new NoticeItem(index, url, listingId, ItemStatus.DUPLICATE, ItemReason.DUPLICATE, firstIndex);
    }
}
