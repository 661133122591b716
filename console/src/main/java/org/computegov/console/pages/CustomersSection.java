package org.computegov.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import org.computegov.console.ConsoleSection;
import org.computegov.console.Frame;
import org.computegov.console.Page;
import org.computegov.console.Viewers;
import org.computegov.console.Web;
import org.computegov.console.auth.Session;
import org.computegov.customers.CustomerReads;
import org.computegov.registry.statement.Role;

/**
 * Customers and KYC (the customers capability): a provider's own customers, or every provider's for the regulator,
 * with verification state, risk, screening hits to review and compute used. A customer's page shows the KYC record
 * as submitted, which is confidential: {@link CustomerReads} lets only its provider and the regulator read it, so a
 * provider who edits the URL to another provider's customer gets a refusal, not the record.
 */
public final class CustomersSection implements ConsoleSection {
    private final CustomerReads reads;

    public CustomersSection(CustomerReads reads) {
        this.reads = reads;
    }

    public record ListModel(Frame frame, List<JsonNode> customers, Paging paging, long toReview, boolean regulator) {}

    /** Customers per page: the list stays short however many accounts providers report. */
    static final int PAGE = 100;

    public record CustomerModel(Frame frame, JsonNode customer, String recordPretty) {}

    @Override
    public String key() {
        return "customers";
    }

    @Override
    public String label() {
        return "Customers";
    }

    @Override
    public String path() {
        return "/console/customers";
    }

    @Override
    public boolean visibleTo(Session user) {
        return user != null && (user.has(Role.REGULATOR) || user.has(Role.COMPUTE_PROVIDER));
    }

    @Override
    public void install(RoutesConfig routes, Web web) {
        routes.get(path(), web.signedIn(this::list));
        routes.get(path() + "/{provider}/{customer}", web.signedIn(this::customer));
    }

    private void list(Page p) throws Exception {
        var v = Viewers.of(p.user());
        boolean onlyHits = p.param("review") != null;
        // Counted, then only the page asked for read (in the list's order: provider, customer).
        long toReview = reads.customerCount(v, null, true);
        Paging paging = Paging.of("page", p.param("page"), PAGE,
                Math.toIntExact(onlyHits ? toReview : reads.customerCount(v, null, false)),
                onlyHits ? path() + "?review=1" : path());
        List<JsonNode> customers = new ArrayList<>();
        reads.customers(v, null, onlyHits, PAGE, (long) (paging.page() - 1) * PAGE).forEach(customers::add);
        p.render("customers.jte", new ListModel(p.frame("Customers", key()), customers, paging, toReview, v.regulator()));
    }

    private void customer(Page p) throws Exception {
        JsonNode c = reads.customer(Viewers.of(p.user()), p.ctx().pathParam("provider"), p.ctx().pathParam("customer"));
        p.render("customer.jte", new CustomerModel(p.frame("Customer " + c.path("customerId").asText(), key()), c,
                org.computegov.api.Json.writePretty(c.path("record"))));
    }
}
