package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.DemoWorld;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Routes;
import org.computegov.registry.kernel.StatementKind;
import org.jdbi.v3.core.Handle;

/**
 * Pre-deployment authorization and correction: models and their fingerprints, accredited evaluators and their
 * certificates, the regulator's authorizations (whose log entries are the providers' offline bundles), deployments,
 * incidents, attribution, corrective orders, and shared clusters' off switches. Reads the accounting capability's
 * runs and usage and the customers capability's KYC records (attribution), so it comes after both.
 */
@Published
public final class Deployments implements Capability {
    private final NotificationRegimes regimes;
    private DeploymentReads reads;

    public Deployments(NotificationRegimes regimes) {
        this.regimes = regimes;
    }

    @Override
    public String name() {
        return "deployment";
    }

    @Override
    public List<StatementKind<?>> kinds() {
        return List.of(new ModelKinds.ModelKind(), new ModelKinds.AccreditationKind(), new ModelKinds.CertificateKind(),
                new AuthorizationKinds.AuthorizationKind(), new AuthorizationKinds.StatusKind(),
                new CorrectionKinds.DeploymentKind(), new CorrectionKinds.IncidentKind(), new CorrectionKinds.OrderKind(),
                new CorrectionKinds.OrderReplyKind(false), new CorrectionKinds.OrderReplyKind(true),
                new SwitchKinds.SwitchKind(), new SwitchKinds.VoteKind());
    }

    @Override
    public String migrations() {
        return "db/deployment";
    }

    public DeploymentReads reads(ReadStore store) {
        if (reads == null) {
            reads = new DeploymentReads(store, regimes);
        }
        return reads;
    }

    @Override
    public void routes(Routes routes, ReadStore store) {
        DeploymentReads r = reads(store);
        String base = "/api/v1/registry/";
        routes.get(base + "models", q -> r.models());
        routes.get(base + "models/{developer}/{model}", q -> r.model(q.path("developer"), q.path("model")));
        routes.get(base + "evaluators", q -> r.evaluators());
        routes.get(base + "certificates", q -> r.certificates(q.query("root")), "root");
        routes.get(base + "authorizations", q -> r.authorizations());
        routes.get(base + "authorizations/{id}", q -> r.authorization(q.path("id")));
        routes.get(base + "serving-check", q -> r.servingCheck(q.query("root"), q.query("region"), q.query("provider"), q.now()),
                "root", "region", "provider");
        routes.get(base + "deployments", q -> r.deployments());
        routes.get(base + "deployments/{provider}/{deployment}/attribution",
                q -> r.attribution(q.viewer(), q.path("provider"), q.path("deployment")));
        routes.get(base + "incidents", q -> r.incidents());
        routes.get(base + "orders", q -> r.orders(q.viewer(), q.now()));
        routes.get(base + "switches", q -> r.switches());
        routes.get(base + "switches/{id}", q -> r.switchStatus(q.path("id")));
    }

    /** Its console pages: models (with certificates and authorizations) and deployments (incidents, orders, switches). */
    @Override
    public List<org.computegov.registry.kernel.ConsolePages> consolePages(ReadStore store, java.time.Clock clock) {
        DeploymentReads r = reads(store);
        return List.of(new ModelPages(r), new DeploymentPages(r, clock));
    }

    @Override
    public void stats(Handle h, ObjectNode out) {
        String[][] counts = {{"modelsRegistered", "model"}, {"deploymentAuthorizations", "authorization_grant"},
                {"deployments", "deployment"}, {"incidents", "incident"}, {"correctiveOrders", "corrective_order"}};
        for (String[] c : counts) {
            out.put(c[0], h.createQuery("SELECT count(*) FROM " + c[1]).mapTo(Long.class).one());
        }
    }

    @Override
    public String openApi() {
        return "/openapi/deployment.json";
    }

    @Override
    public void demo(DemoWorld world) throws Exception {
        new DeploymentDemo(world).load();
    }
}
