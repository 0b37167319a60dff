package dev.takedown.core.model;

/** Kind of registered intellectual-property right a rightholder can enforce. */
public enum RightType {
    TRADEMARK,
    COPYRIGHT,
    DESIGN,
    PATENT
}
