<?php
/*
 * index.php — front controller of the PHP host: LMS events over HTTP into the sfia-evidence plugin.
 *
 *   POST /events   body: one LMS event {"type": "completion" | "attestation", "eventId", ...} or a
 *                  batch {"events": [...]} (docs/operations.md, `record`). One `record` call, one
 *                  transaction. 201 with the plugin's JSON when something was recorded, 200 when
 *                  every event was a duplicate (already recorded: nothing written).
 *   GET  /health   200 {"status": "ok", "plugin", "abi", "skills"} when the plugin opens and reads its
 *                  store; 503 otherwise.
 *
 * Errors are RFC 9457 problem documents (application/problem+json). Plugin statuses map to HTTP:
 * invalid 422, notFound 404, conflict 409, busy 503 (with Retry-After), anything else 500. The
 * request's own faults: 400 (not a JSON object), 401 (no or a wrong token), 404 (no such path), 405,
 * 413, 415.
 *
 * Configuration, from the environment:
 *   SFE_PLUGIN_LIBRARY   path of sfia-evidence-plugin.so (not needed when sfe.ffi.h is preloaded)
 *   SFE_CONFIG_FILE      a JSON object of plugin configuration keys, e.g. {"store.path": "/var/lib/sfe.db"}
 *   SFE_CONFIG_JSON      the same inline; its keys win over the file's. lrs.background defaults to
 *                        false here: run `sync` from a timer (a handle lives for one request only)
 *   SFE_MAX_BODY_BYTES   largest request body accepted (default 1048576)
 *   SFE_HOST_TOKEN       when set, POST /events requires "Authorization: Bearer <token>" (401 otherwise)
 *
 * Run it under PHP's built-in server, the router script being this file:
 *   PHP_CLI_SERVER_WORKERS=8 php -d ffi.enable=1 -S 127.0.0.1:8080 examples/php-host/public/index.php
 *
 * The plugin is opened for each request and closed at its end (PHP keeps nothing between requests);
 * each worker is its own process with its own handle, and the plugin's store serialises the writers.
 */

declare(strict_types=1);

// The classes, unless preload.php has preloaded them already (opcache.preload).
spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'Sfe\\')) {
        require __DIR__ . '/../src/' . substr($class, 4) . '.php';
    }
});

use Sfe\SfeException;
use Sfe\SfePlugin;
use Sfe\SfeResult;

const RETRY_AFTER_SECONDS = 1;

/** HTTP status for a plugin status. */
function http_status(int $status): int
{
    return match ($status & 0xff) {
        SfePlugin::OK => 200,
        SfePlugin::INVALID => 422,
        SfePlugin::NOTFOUND => 404,
        SfePlugin::CONFLICT => 409,
        SfePlugin::BUSY => 503,
        SfePlugin::FORBIDDEN => 403,
        default => 500,           // ERROR, STORE, MISUSE, CONFIG, ABI, NETWORK, and codes added later
    };
}

function send(int $http, string $contentType, string $body, array $headers = []): void
{
    header_remove('X-Powered-By');
    http_response_code($http);
    header('Content-Type: ' . $contentType);
    header('Cache-Control: no-store');
    foreach ($headers as $name => $value) {
        header($name . ': ' . $value);
    }
    echo $body;
}

function send_json(int $http, string $json, array $headers = []): void
{
    send($http, 'application/json', $json . "\n", $headers);
}

/** An RFC 9457 problem document. $extra holds extension members. */
function send_problem(int $http, string $type, string $title, string $detail, array $extra = [],
                      array $headers = []): void
{
    $problem = ['type' => $type, 'title' => $title, 'status' => $http, 'detail' => $detail] + $extra;
    send($http, 'application/problem+json',
        json_encode($problem, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE) . "\n",
        $headers);
}

/** A problem for the request itself (not the plugin's). */
function request_problem(int $http, string $title, string $detail, array $headers = []): void
{
    send_problem($http, 'about:blank', $title, $detail, [], $headers);
}

/** A problem for a plugin status: its error name, message and located problems, if any. */
function plugin_problem(string $operation, int $status, string $error, string $message, ?array $problems = null): void
{
    $http = http_status($status);
    $headers = ($status & 0xff) === SfePlugin::BUSY ? ['Retry-After' => (string) RETRY_AFTER_SECONDS] : [];
    $extra = ['error' => $error, 'sfeStatus' => $status];
    if ($problems) {
        $extra['problems'] = $problems;
    }
    if ($http >= 500) {
        error_log(sprintf('sfia-evidence %s: status %d (%s): %s', $operation, $status, $error, $message));
    }
    try {
        $title = SfePlugin::describe(library(), $status);
    } catch (\Throwable $e) {
        $title = $error;
    }
    send_problem($http, 'urn:sfia-evidence:error:' . $error, $title, $message, $extra, $headers);
}

function result_problem(string $operation, SfeResult $result): void
{
    $data = $result->data() ?? [];
    plugin_problem($operation, $result->status, (string) ($data['error'] ?? SfePlugin::errorName($result->status)),
        (string) ($data['message'] ?? $result->message), $data['problems'] ?? null);
}

function library(): ?string
{
    $library = getenv('SFE_PLUGIN_LIBRARY');
    return $library === false || $library === '' ? null : $library;
}

/**
 * The plugin's configuration object: SFE_CONFIG_FILE's, then SFE_CONFIG_JSON's keys over it.
 * @throws SfeException (CONFIG) when either is not a JSON object.
 */
function plugin_config(): array
{
    $config = [];
    $file = getenv('SFE_CONFIG_FILE');
    if ($file !== false && $file !== '') {
        $text = @file_get_contents($file);
        if ($text === false) {
            throw new SfeException(SfePlugin::CONFIG, 'config', "cannot read SFE_CONFIG_FILE $file");
        }
        $config = config_object($text, "SFE_CONFIG_FILE $file");
    }
    $json = getenv('SFE_CONFIG_JSON');
    if ($json !== false && $json !== '') {
        $config = config_object($json, 'SFE_CONFIG_JSON') + $config;
    }
    // A handle lives for one request: a background sender would start and stop with each of them.
    // Statements are sent by `sync` (sfia-evidence sync from a timer) unless the configuration says otherwise.
    return $config + ['lrs.background' => 'false'];
}

function config_object(string $text, string $where): array
{
    $value = json_decode($text, true);
    if (!is_array($value) || array_is_list($value) && $value !== []) {
        throw new SfeException(SfePlugin::CONFIG, 'config', "$where is not a JSON object");
    }
    return $value;
}

/**
 * Runs one operation on a plugin handle opened for it, closing the handle whatever happens.
 * Sends the problem itself and returns null when the plugin could not be opened.
 */
function with_plugin(string $operation, callable $use): mixed
{
    try {
        $plugin = SfePlugin::open(library(), plugin_config());
    } catch (SfeException $e) {
        plugin_problem($operation, $e->status, $e->error, $e->getMessage());
        return null;
    }
    try {
        return $use($plugin);
    } finally {
        $plugin->close();
    }
}

/** Whether the request carries the bearer token SFE_HOST_TOKEN asks for (always, when none is set). */
function authorized(): bool
{
    $token = getenv('SFE_HOST_TOKEN');
    if ($token === false || $token === '') {
        return true;
    }
    $header = $_SERVER['HTTP_AUTHORIZATION'] ?? '';
    return preg_match('/^Bearer\s+(\S+)$/i', $header, $m) === 1 && hash_equals($token, $m[1]);
}

function post_events(): void
{
    if (!authorized()) {
        request_problem(401, 'Unauthorized', 'send the LMS\'s token as "Authorization: Bearer <token>"',
            ['WWW-Authenticate' => 'Bearer realm="sfia-evidence"']);
        return;
    }
    $type = strtolower(trim(explode(';', $_SERVER['CONTENT_TYPE'] ?? '')[0]));
    if ($type !== 'application/json' && !str_ends_with($type, '+json')) {
        request_problem(415, 'Unsupported Media Type', 'send the event as application/json',
            ['Accept-Post' => 'application/json']);
        return;
    }
    $limit = (int) (getenv('SFE_MAX_BODY_BYTES') ?: 1048576);
    if ((int) ($_SERVER['CONTENT_LENGTH'] ?? 0) > $limit) {
        request_problem(413, 'Content Too Large', "the body may have at most $limit bytes");
        return;
    }
    $body = file_get_contents('php://input', false, null, 0, $limit + 1);
    if ($body === false || strlen($body) > $limit) {
        request_problem(413, 'Content Too Large', "the body may have at most $limit bytes");
        return;
    }
    try {
        $event = json_decode($body, false, 64, JSON_THROW_ON_ERROR);
    } catch (\JsonException $e) {
        request_problem(400, 'Bad Request', 'the body is not JSON: ' . $e->getMessage());
        return;
    }
    if (!$event instanceof \stdClass) {
        request_problem(400, 'Bad Request', 'the body must be a JSON object: one event, or {"events": [...]}');
        return;
    }
    // One event becomes a batch of one, textually: the event reaches the plugin byte for byte.
    $request = property_exists($event, 'events') ? $body : '{"events": [' . $body . ']}';

    with_plugin('record', function (SfePlugin $plugin) use ($request): void {
        $result = $plugin->call('record', $request);
        if (!$result->ok()) {
            result_problem('record', $result);
            return;
        }
        $recorded = (int) ($result->data()['recorded'] ?? 0);
        send_json($recorded > 0 ? 201 : 200, $result->json ?? '{}');
    });
}

/** 503 for the health check, whatever the plugin's status: the service is not usable. */
function health_problem(int $status, string $error, string $message): void
{
    error_log(sprintf('sfia-evidence health: status %d (%s): %s', $status, $error, $message));
    send_problem(503, 'urn:sfia-evidence:error:' . $error, 'Service Unavailable', $message,
        ['error' => $error, 'sfeStatus' => $status], ['Retry-After' => (string) RETRY_AFTER_SECONDS]);
}

function get_health(): void
{
    try {
        $plugin = SfePlugin::open(library(), plugin_config());
    } catch (SfeException $e) {
        health_problem($e->status, $e->error, $e->getMessage());
        return;
    }
    try {
        $result = $plugin->call('skills', '{}');
        if (!$result->ok()) {
            $data = $result->data() ?? [];
            health_problem($result->status, (string) ($data['error'] ?? SfePlugin::errorName($result->status)),
                (string) ($data['message'] ?? $result->message));
            return;
        }
        send_json(200, json_encode([
            'status' => 'ok',
            'plugin' => SfePlugin::version(library()),
            'abi' => SfePlugin::ABI_VERSION,
            'skills' => array_column($result->data()['skills'] ?? [], 'code'),
        ], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE));
    } finally {
        $plugin->close();
    }
}

$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';
$routes = [
    '/events' => ['POST' => 'post_events'],
    '/health' => ['GET' => 'get_health', 'HEAD' => 'get_health'],
];

try {
    if (!isset($routes[$path])) {
        request_problem(404, 'Not Found', "no resource $path: POST /events, GET /health");
    } elseif (!isset($routes[$path][$method])) {
        request_problem(405, 'Method Not Allowed', "$path takes " . implode(', ', array_keys($routes[$path])),
            ['Allow' => implode(', ', array_keys($routes[$path]))]);
    } else {
        $routes[$path][$method]();
    }
} catch (SfeException $e) {
    plugin_problem($path, $e->status, $e->error, $e->getMessage());
} catch (\Throwable $e) {
    error_log('sfia-evidence host: ' . $e);
    if (!headers_sent()) {
        send_problem(500, 'about:blank', 'Internal Server Error', $e->getMessage());
    }
}
