package dev.readiness.checks.headers;

import dev.readiness.check.Param;
import java.net.URI;

/**
 * The configuration of the {@code securityHeaders} check.
 *
 * @param url          the HTTPS page to grade; {@code null} means the shared {@code <target>}
 * @param httpUrl      its plain-HTTP twin, whose redirect is graded; {@code null} means {@code http://} + the host of {@code url} + {@code /}
 * @param minimumGrade the lowest Observatory grade that passes
 * @param csrfUrl      a page that sets the session cookie (e.g. the login page), absolute or relative to {@code url};
 *                     {@code null} means the cookies of the graded page alone are judged for CSRF
 */
public record SecurityHeadersConfig(
        @Param("the HTTPS page to grade; default: the <target> of the http settings") URI url,
        @Param("the plain-HTTP address whose redirect to HTTPS is graded; default: http://<host of url>/") URI httpUrl,
        @Param("the lowest MDN HTTP Observatory grade that passes (A+, A, A-, B+, ... F); default B") Grade minimumGrade,
        @Param("a page that sets the session cookie, e.g. the login page (absolute, or relative to url such as /login), fetched "
                + "too so the cookies it sets are judged for CSRF protection; default none: the cookies of the graded page") URI csrfUrl) {

    public SecurityHeadersConfig {
        minimumGrade = minimumGrade == null ? Grade.B : minimumGrade;
    }
}
