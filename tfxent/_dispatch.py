"""TF 2.21's argument binding for ops with dispatch support.

Functions decorated with ``dispatch.add_dispatch_support`` in TF 2.21 bind their arguments in
C++ (``python/util/function_parameter_canonicalizer``), whose failures read differently from
Python's own: "Got an unexpected keyword argument 'foo'", "Missing required positional
argument", "Too many arguments were given. Expected 2 but got 7.". Other functions (e.g.
``tf.math.log``, ``tf.nn.relu``, ``tf.maximum``) keep Python's messages.
"""
import functools
import inspect


def dispatch_support(fn):
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())
    names = [p.name for p in params]
    required = [p.name for p in params if p.default is inspect.Parameter.empty]

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if len(args) > len(params):
            raise TypeError("Too many arguments were given. Expected %d but got %d."
                            % (len(params), len(args) + len(kwargs)))
        for k in kwargs:
            if k not in names:
                raise TypeError("Got an unexpected keyword argument '%s'" % k)
        given = set(names[:len(args)]) | set(kwargs)
        for r in required:
            if r not in given:
                raise TypeError("Missing required positional argument")
        return fn(*args, **kwargs)
    return wrapper
