package io.exowatch.enrich.classify.internal;

import io.exowatch.schemas.avro.Application;
import io.exowatch.schemas.avro.Cargo;
import io.exowatch.schemas.avro.Category;
import io.exowatch.schemas.avro.ConditionArea;
import io.exowatch.schemas.avro.Evidence;
import io.exowatch.schemas.avro.MscSource;
import io.exowatch.schemas.avro.ProductType;
import io.exowatch.schemas.avro.Route;
import java.util.List;

/**
 * What the analysis of one record concluded: the category with its confidence, the labels (empty
 * unless the category is one of the two MSC therapies) and the evidence for each.
 *
 * @param category the category
 * @param confidence confidence in the category, in [0,1]
 * @param applications applications, in enum order
 * @param mscSources MSC sources, in enum order
 * @param productTypes product types, in enum order
 * @param routes routes, in enum order
 * @param cargo cargo, or {@code null}
 * @param cargoDetail what was loaded, or {@code null}
 * @param conditionAreas condition areas, in enum order
 * @param evidence one or more entries per label
 */
public record Verdict(Category category, double confidence, List<Application> applications,
    List<MscSource> mscSources, List<ProductType> productTypes, List<Route> routes, Cargo cargo,
    String cargoDetail, List<ConditionArea> conditionAreas, List<Evidence> evidence) {
}
