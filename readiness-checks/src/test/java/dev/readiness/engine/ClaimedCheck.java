package dev.readiness.engine;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Result;
import java.util.List;
import java.util.function.Function;

/**
 * A check with several claims for engine tests, named {@code web}: its main claim settles "Site is
 * up", {@code web.https} settles "HTTPS enforced", {@code web.csrf} supports "CSRF protection
 * enabled", {@code web.e2e} settles "End-to-end tests pass". It returns what its function makes of the context.
 */
class ClaimedCheck implements Check<ClaimedCheck.Config> {

    record Config() {
    }

    private final Function<CheckContext, Result> run;

    ClaimedCheck(Function<CheckContext, Result> run) {
        this.run = run;
    }

    @Override
    public String id() {
        return "web";
    }

    @Override
    public String description() {
        return "the site answers";
    }

    @Override
    public List<String> phrases() {
        return List.of("Site is up");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles("web", description(), phrases()),
                Claim.settles("web.https", "plain HTTP redirects to HTTPS", List.of("HTTPS enforced")),
                Claim.supports("web.csrf", "session cookies are SameSite", List.of("CSRF protection enabled")),
                Claim.settles("web.e2e", "the end-to-end suite passed", List.of("End-to-end tests pass")));
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Result run(Config config, CheckContext context) {
        return run.apply(context);
    }
}
