package dev.takedown.local;

/** A template value that names another resource or a parameter; resolved once the local resources exist. */
sealed interface Intrinsic {

    record Literal(String value) implements Intrinsic {
    }

    record Ref(String target) implements Intrinsic {
    }

    record GetAtt(String target, String attribute) implements Intrinsic {
    }

    /** {@code Fn::Sub} with {@code ${Name}} and {@code ${Name.Attribute}} placeholders. */
    record Sub(String text) implements Intrinsic {
    }
}
