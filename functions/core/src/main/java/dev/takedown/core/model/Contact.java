package dev.takedown.core.model;

/** How the rightholder (or a court) reaches the seller who filed a counter-notice: the law forwards it. */
public record Contact(String name, String email, String address, String phone) {
}
