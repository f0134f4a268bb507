package org.unigov.exchange.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.unigov.exchange.internal.ProviderAddresses;

/**
 * The gateway's HTTP/1.1 client towards providers, on the same event loop as the call it serves:
 * no thread hand-off between receiving a call, asking the provider and filtering its answer.
 * Keep-alive connections are pooled per event loop and provider address; each call is bounded by
 * the data service's timeout (connecting included) and by the largest body the gateway accepts.
 * No retries, no redirects, no cookies.
 * <p>
 * A pooled connection carries one subject's answer after another's, so a connection is reused
 * only when its framing is beyond doubt: never after a status that has no body (1xx, 204, 304) —
 * a provider that sends one anyway would have its body read as the next call's answer — never
 * when bytes beyond the answer are already buffered, and an idle connection that receives
 * anything is closed at once.
 */
final class ProviderPool {

	/** What the provider answered, the body read completely. */
	record Answer(int status, @Nullable String contentType, byte[] body) {
	}

	/** The provider did not answer in time. */
	static final class Timeout extends IOException {

		Timeout() {
			super("The provider did not answer in time", null);
		}
	}

	/** The provider's body exceeded the limit; nothing of it is passed on. */
	static final class TooLarge extends IOException {

		TooLarge() {
			super("The provider's response exceeds the limit", null);
		}
	}

	private record Address(boolean tls, String host, int port) {
	}

	/** One call in flight on a connection. */
	private static final class Pending {

		final CompletableFuture<Answer> result = new CompletableFuture<>();

		@Nullable ScheduledFuture<?> timeout;

		boolean finish(@Nullable Answer answer, @Nullable Throwable error) {
			ScheduledFuture<?> t = this.timeout;
			if (t != null) {
				t.cancel(false);
			}
			return error == null ? this.result.complete(answer) : this.result.completeExceptionally(error);
		}
	}

	private static final AttributeKey<Pending> PENDING = AttributeKey.valueOf("unigov.pending");

	private static final AttributeKey<Address> ADDRESS = AttributeKey.valueOf("unigov.address");

	private final Class<? extends Channel> channelType;

	private final int maxResponseBytes;

	private final SslContext tls;

	/** Idle connections per event loop; each map is only touched by its own loop. */
	private final Map<EventLoop, Map<Address, ArrayDeque<Channel>>> idle = new ConcurrentHashMap<>();

	/** The provider's address is one the gateway may not connect to; nothing was sent. */
	static final class AddressRefused extends IOException {

		AddressRefused(String reason) {
			super("The gateway does not connect to the provider's address: " + reason, null);
		}
	}

	private final ProviderAddresses addresses;

	ProviderPool(Class<? extends Channel> channelType, int maxResponseBytes, ProviderAddresses addresses) {
		this.channelType = channelType;
		this.maxResponseBytes = maxResponseBytes;
		this.addresses = addresses;
		try {
			this.tls = SslContextBuilder.forClient().build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("No TLS client context", ex);
		}
	}

	/** Calls the provider from {@code loop}; the future completes on that loop. */
	CompletableFuture<Answer> call(EventLoop loop, URI target, String method, Map<String, String> headers,
			byte @Nullable [] body, int timeoutMs) {
		Pending pending = new Pending();
		if (loop.inEventLoop()) {
			start(loop, target, method, headers, body, timeoutMs, pending);
		}
		else {
			loop.execute(() -> start(loop, target, method, headers, body, timeoutMs, pending));
		}
		return pending.result;
	}

	private void start(EventLoop loop, URI target, String method, Map<String, String> headers, byte @Nullable [] body,
			int timeoutMs, Pending pending) {
		boolean tls = "https".equalsIgnoreCase(target.getScheme());
		int port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
		Address address = new Address(tls, target.getHost(), port);
		pending.timeout = loop.schedule(() -> {
			if (pending.finish(null, new Timeout())) {
				// the connection still waits for an answer that no one will read
				Channel busy = pendingChannel(pending);
				if (busy != null) {
					busy.close();
				}
			}
		}, timeoutMs, TimeUnit.MILLISECONDS);
		DefaultFullHttpRequest request = request(target, method, headers, body, address);
		Channel channel = poll(loop, address);
		if (channel != null) {
			send(channel, request, pending);
			return;
		}
		if (NetUtil.isValidIpV4Address(address.host()) || NetUtil.isValidIpV6Address(address.host())) {
			connect(loop, address, new InetSocketAddress(address.host(), address.port()), request, pending, timeoutMs);
			return;
		}
		// a host name is resolved off the event loop: a slow name server must not stall other calls
		CompletableFuture.supplyAsync(() -> new InetSocketAddress(address.host(), address.port()), RESOLVER)
			.whenComplete((resolved, error) -> loop.execute(() -> {
				if (error != null || resolved.isUnresolved()) {
					request.release();
					pending.finish(null, new ConnectException("Cannot resolve the provider's host " + address.host()));
					return;
				}
				connect(loop, address, resolved, request, pending, timeoutMs);
			}));
	}

	private static final Executor RESOLVER = Executors
		.newVirtualThreadPerTaskExecutor();

	private void connect(EventLoop loop, Address address, InetSocketAddress resolved, DefaultFullHttpRequest request,
			Pending pending, int timeoutMs) {
		if (pending.result.isDone()) {
			request.release();
			return;
		}
		// the address about to be connected to, not the one the name had at registration (DNS rebinding)
		String refusal = this.addresses.refusal(resolved);
		if (refusal != null) {
			request.release();
			pending.finish(null, new AddressRefused(refusal));
			return;
		}
		new Bootstrap().group(loop)
			.channel(this.channelType)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMs)
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<Channel>() {
				@Override
				protected void initChannel(Channel ch) {
					if (address.tls()) {
						ch.pipeline().addLast(ProviderPool.this.tls.newHandler(ch.alloc(), address.host(), address.port()));
					}
					ch.pipeline()
						.addLast(new IdleGuard())
						.addLast(DECODER, new AnswerDecoder())
						.addLast(new HttpRequestEncoder())
						.addLast(new HttpObjectAggregator(ProviderPool.this.maxResponseBytes))
						.addLast(new AnswerHandler());
				}
			})
			.connect(resolved)
			.addListener((ChannelFutureListener) connected -> {
				if (!connected.isSuccess()) {
					request.release();
					Throwable cause = connected.cause();
					pending.finish(null, cause instanceof ConnectException ? cause
							: new ConnectException("Cannot connect to the provider: " + cause));
					return;
				}
				connected.channel().attr(ADDRESS).set(address);
				send(connected.channel(), request, pending);
			});
	}

	private final Map<Pending, Channel> inFlight = new ConcurrentHashMap<>();

	private static final String DECODER = "answer-decoder";

	/** The response decoder, telling whether bytes beyond the last answer are buffered. */
	private static final class AnswerDecoder extends HttpResponseDecoder {

		AnswerDecoder() {
			super(new HttpDecoderConfig().setMaxInitialLineLength(4096)
				.setMaxHeaderSize(16384)
				.setMaxChunkSize(65536));
		}

		boolean hasUnreadBytes() {
			return actualReadableBytes() > 0;
		}
	}

	/**
	 * Closes a connection that receives bytes while no call waits on it: they can only be a stray or
	 * injected answer, which the next call would otherwise read as its own.
	 */
	private static final class IdleGuard extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (ctx.channel().attr(PENDING).get() == null) {
				ReferenceCountUtil.release(msg);
				ctx.close();
				return;
			}
			ctx.fireChannelRead(msg);
		}
	}

	/** Whether the connection may carry another call after {@code response}. */
	private static boolean reusable(ChannelHandlerContext ctx, FullHttpResponse response) {
		HttpResponseStatus status = response.status();
		if (status.codeClass() == HttpStatusClass.INFORMATIONAL
				|| status.code() == 204 || status.code() == 304) {
			return false;
		}
		if (!HttpUtil.isKeepAlive(response) || !response.decoderResult().isSuccess()) {
			return false;
		}
		AnswerDecoder decoder = (AnswerDecoder) ctx.pipeline().get(DECODER);
		return decoder != null && !decoder.hasUnreadBytes();
	}

	private @Nullable Channel pendingChannel(Pending pending) {
		return this.inFlight.remove(pending);
	}

	private void send(Channel channel, DefaultFullHttpRequest request, Pending pending) {
		if (pending.result.isDone()) {
			// timed out while connecting
			request.release();
			release(channel);
			return;
		}
		channel.attr(PENDING).set(pending);
		this.inFlight.put(pending, channel);
		channel.writeAndFlush(request).addListener((ChannelFutureListener) written -> {
			if (!written.isSuccess()) {
				this.inFlight.remove(pending);
				pending.finish(null, new IOException("Sending to the provider failed: " + written.cause()));
				channel.close();
			}
		});
	}

	private static DefaultFullHttpRequest request(URI target, String method, Map<String, String> headers,
			byte @Nullable [] body, Address address) {
		String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
		String uri = target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
		ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
		DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method),
				uri, content);
		boolean defaultPort = address.port() == (address.tls() ? 443 : 80);
		request.headers().set(HttpHeaderNames.HOST, defaultPort ? address.host() : address.host() + ":" + address.port());
		request.headers().set(HttpHeaderNames.USER_AGENT, "Unigov-Exchange/1");
		headers.forEach((name, value) -> request.headers().set(name, value));
		if (body != null) {
			request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
			request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
		}
		else if ("POST".equals(method)) {
			request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
		}
		return request;
	}

	private @Nullable Channel poll(EventLoop loop, Address address) {
		ArrayDeque<Channel> channels = this.idle.computeIfAbsent(loop, l -> new HashMap<>()).get(address);
		while (channels != null && !channels.isEmpty()) {
			Channel channel = channels.pollLast();
			if (channel.isActive()) {
				return channel;
			}
		}
		return null;
	}

	private void release(Channel channel) {
		Address address = channel.attr(ADDRESS).get();
		if (address == null || !channel.isActive()) {
			channel.close();
			return;
		}
		this.idle.computeIfAbsent(channel.eventLoop(), l -> new HashMap<>())
			.computeIfAbsent(address, a -> new ArrayDeque<>())
			.addLast(channel);
	}

	/** Reads the provider's answer, hands it over and returns the connection to the pool. */
	private final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
			Pending pending = ctx.channel().attr(PENDING).getAndSet(null);
			if (pending == null) {
				ctx.close();
				return;
			}
			ProviderPool.this.inFlight.remove(pending);
			byte[] body = new byte[response.content().readableBytes()];
			response.content().readBytes(body);
			boolean keepAlive = reusable(ctx, response);
			pending.finish(new Answer(response.status().code(), response.headers().get(HttpHeaderNames.CONTENT_TYPE),
					body), null);
			if (keepAlive) {
				release(ctx.channel());
			}
			else {
				ctx.close();
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			Pending pending = ctx.channel().attr(PENDING).getAndSet(null);
			if (pending != null) {
				ProviderPool.this.inFlight.remove(pending);
				pending.finish(null, cause instanceof TooLongFrameException || (cause.getCause() instanceof TooLongFrameException)
						? new TooLarge() : new IOException("The provider's answer could not be read: " + cause.getMessage()));
			}
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			Pending pending = ctx.channel().attr(PENDING).getAndSet(null);
			if (pending != null) {
				ProviderPool.this.inFlight.remove(pending);
				pending.finish(null, new IOException("The provider closed the connection before answering"));
			}
			Address address = ctx.channel().attr(ADDRESS).get();
			Map<Address, ArrayDeque<Channel>> loopIdle = ProviderPool.this.idle.get(ctx.channel().eventLoop());
			if (address != null && loopIdle != null && loopIdle.get(address) != null) {
				loopIdle.get(address).remove(ctx.channel());
			}
		}
	}
}
