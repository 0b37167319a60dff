package dev.takedown.core.text;

/** Enum constants by their exact name, for input that may name none: null rather than an exception. */
public final class Enums {
    private Enums() {
    }

    public static <E extends Enum<E>> E named(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        return null;
    }
}
