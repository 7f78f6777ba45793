package org.eibench.runtime;

import java.util.Set;

/**
 * A model a provider offers by name, as listed by {@code eibench models list}.
 *
 * @param kinds the task kinds it serves ({@code restoration}, {@code segmentation}, ...), or {@code *} for any
 */
public record ModelDescriptor(String name, String description, Set<String> kinds) {
}
