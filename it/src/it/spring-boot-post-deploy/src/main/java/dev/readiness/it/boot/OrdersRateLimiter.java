package dev.readiness.it.boot;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Allows {@value #LIMIT} GET requests to /api/orders per {@value #WINDOW_SECONDS}-second window, as an API gateway or
 * Bucket4j would: a request over the limit answers 429 with Retry-After and the IETF httpapi draft's RateLimit-Policy
 * and RateLimit fields (the seconds until the window ends), and never reaches the controller.
 */
@Component
public class OrdersRateLimiter extends OncePerRequestFilter {

    static final int LIMIT = 5;
    static final long WINDOW_SECONDS = 60;

    private long windowStart;
    private int used;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("GET".equals(request.getMethod()) && "/api/orders".equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long reset = admit();
        if (reset < 0) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", String.valueOf(reset));
        response.setHeader("RateLimit-Policy", "\"orders\";q=" + LIMIT + ";w=" + WINDOW_SECONDS);
        response.setHeader("RateLimit", "\"orders\";r=0;t=" + reset);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"at most " + LIMIT
                + " requests per " + WINDOW_SECONDS + " s\"}");
    }

    /** Counts the request in the current window: -1 when it is within the limit, else the seconds the window has left. */
    private synchronized long admit() {
        long now = System.nanoTime();
        long window = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
        if (used == 0 || now - windowStart >= window) {
            windowStart = now;
            used = 0;
        }
        if (used < LIMIT) {
            used++;
            return -1;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(windowStart + window - now + TimeUnit.SECONDS.toNanos(1) - 1));
    }
}
