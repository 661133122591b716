package org.computegov.customers;

import org.computegov.registry.kernel.Published;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.DemoWorld;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Routes;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.screening.ScreeningOptions;
import org.jdbi.v3.core.Handle;

/**
 * The customers capability: know your customer. Providers register their customers' identities (sealed), their
 * access events, and are screened against the regulator's denied-party lists; other capabilities read who owns which
 * account through {@link Ownership}.
 */
@Published
public final class Customers implements Capability {
    private final Screenings screenings;
    private volatile CustomerUsage usage = CustomerUsage.NONE;
    private CustomerReads reads;

    public Customers(ScreeningOptions options) {
        this.screenings = new Screenings(options);
    }

    /** Lets the capability that accounts for usage show it in customer reads. */
    public void usage(CustomerUsage usage) {
        this.usage = usage;
    }

    @Override
    public String name() {
        return "customers";
    }

    @Override
    public List<StatementKind<?>> kinds() {
        return List.of(new CustomerKind(screenings), new AccessKind(), new ScreeningListKind(screenings));
    }

    @Override
    public String migrations() {
        return "db/customers";
    }

    /** The reads, for the console and other interfaces that show them (the same role filtering as the API). */
    public CustomerReads reads(ReadStore store) {
        if (reads == null) {
            reads = new CustomerReads(store, screenings, () -> usage);
        }
        return reads;
    }

    @Override
    public void routes(Routes routes, ReadStore store) {
        CustomerReads r = reads(store);
        routes.get("/api/v1/registry/customers", q -> r.customers(q.viewer(), q.query("provider")), "provider");
        routes.get("/api/v1/registry/customers/{provider}/{customer}", q -> r.customer(q.viewer(), q.path("provider"),
                q.path("customer")));
        routes.get("/api/v1/registry/screening", q -> r.screen(q.viewer(), q.query("name"), q.query("country")),
                "name", "country");
    }

    @Override
    public void stats(Handle h, ObjectNode s) {
        s.put("customers", count(h, "SELECT count(*) FROM customer"));
        s.put("foreignCustomers", count(h, "SELECT count(*) FROM customer WHERE foreign_customer"));
        s.put("screeningLists", count(h, "SELECT count(*) FROM screening_list"));
        s.put("customersWithScreeningHits", count(h, "SELECT count(DISTINCT (provider, customer_id)) FROM screening_hit"));
    }

    private static long count(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Long.class).one();
    }

    @Override
    public String openApi() {
        return "/openapi/customers.json";
    }

    @Override
    public void demo(DemoWorld world) throws Exception {
        new CustomersDemo(world).load();
    }
}
