package dev.takedown.core.model;

/** Why the seller says the takedown was wrong (DMCA 512(g)(3)(C), PRC E-Commerce Law Art. 43). */
public enum CounterNoticeGrounds {
    MISTAKE_OR_MISIDENTIFICATION,
    AUTHORIZED_SELLER,
    GENUINE_GOODS,
    NOT_INFRINGING
}
