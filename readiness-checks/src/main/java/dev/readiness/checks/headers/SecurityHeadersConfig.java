package dev.readiness.checks.headers;

import dev.readiness.check.Param;
import java.net.URI;

/**
 * The configuration of the {@code securityHeaders} check.
 *
 * @param url          the HTTPS page to grade; {@code null} means the shared {@code <target>}
 * @param httpUrl      its plain-HTTP twin, whose redirect is graded; {@code null} means {@code http://} + the host of {@code url} + {@code /}
 * @param minimumGrade the lowest Observatory grade that passes
 */
public record SecurityHeadersConfig(
        @Param("the HTTPS page to grade; default: the <target> of the http settings") URI url,
        @Param("the plain-HTTP address whose redirect to HTTPS is graded; default: http://<host of url>/") URI httpUrl,
        @Param("the lowest MDN HTTP Observatory grade that passes (A+, A, A-, B+, ... F); default B") Grade minimumGrade) {

    public SecurityHeadersConfig {
        minimumGrade = minimumGrade == null ? Grade.B : minimumGrade;
    }
}
