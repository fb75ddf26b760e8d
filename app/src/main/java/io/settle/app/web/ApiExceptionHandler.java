package io.settle.app.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.settle.api.DomainRuleViolation;
import io.settle.app.axon.Commands;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves as RFC 9457 problem+json with a stable {@code code}; never a stack trace. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException e, WebRequest request) {
        ProblemDetail problem = ProblemWriter.problem(e.status(), e.code(), e.getMessage(), path(request));
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler(DomainRuleViolation.class)
    ResponseEntity<ProblemDetail> handleDomainRule(DomainRuleViolation e, WebRequest request) {
        return handleApi(Commands.toApi(e), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_ERROR,
                "Invalid value for parameter '" + e.getName() + "'", path(request));
        problem.setProperty("errors", List.of(fieldError(e.getName(), "invalid value")));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException e, WebRequest request) {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_ERROR,
                "Request validation failed", path(request));
        problem.setProperty("errors", e.getConstraintViolations().stream()
                .map(v -> fieldError(v.getPropertyPath().toString(), v.getMessage())).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException e, WebRequest request) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ProblemWriter.problem(HttpStatus.FORBIDDEN,
                ErrorCodes.FORBIDDEN, "Your role does not allow this request", path(request)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e, WebRequest request) {
        log.error("Unhandled error on {}", path(request), e);
        return ResponseEntity.internalServerError().body(ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                ErrorCodes.INTERNAL_ERROR, "An unexpected error occurred; it has been logged", path(request)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_ERROR,
                "Request validation failed", path(request));
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(f -> fieldError(f.getField(), f.getDefaultMessage())).collect(Collectors.toList()));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_ERROR,
                "Request validation failed", path(request));
        problem.setProperty("errors", e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> fieldError(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_ERROR,
                "Malformed request body", path(request));
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String reason = mapping instanceof InvalidFormatException || mapping instanceof MismatchedInputException
                    ? "invalid value or type" : "unreadable value";
            problem.setDetail("Invalid value for field '" + field + "'");
            problem.setProperty("errors", List.of(fieldError(field, reason)));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", ErrorCodes.forStatus(response.getStatusCode()));
        }
        return response;
    }

    private static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message == null ? "invalid" : message);
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    }
}
