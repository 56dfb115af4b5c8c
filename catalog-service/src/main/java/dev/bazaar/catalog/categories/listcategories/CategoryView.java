package dev.bazaar.catalog.categories.listcategories;

import java.util.UUID;

/** A category as the catalog's front page lists it, with the number of its products on sale. */
record CategoryView(UUID id, String slug, String name, String description, long productCount) {
}
