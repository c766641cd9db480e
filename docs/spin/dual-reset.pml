/*
 * The dual-reset protocol (protocols/dual_reset.go) for SPIN: the
 * isolated-environment module of the bug report (docs/isolated-environment.md)
 * with N callers and a test fixture that resets the class's instance once.
 * It is the singlecheck model retold in Promela, step for step: every
 * Python attribute access is one atomic statement, as it is one step in the
 * model, and the oracles of the singleton contract are the error states
 * below. compare.sh runs it beside singlecheck.
 *
 * Objects are numbered 1, 2, ... in allocation order; 0 is None.
 */
#ifndef N
#define N 6
#endif
#define MAXOBJ 3	/* the import's object and at most one after the reset */

byte instance;		/* IsolatedEnvironment._instance */
byte env;		/* the module's _env_instance */
byte owner = 255;	/* IsolatedEnvironment._lock (an RLock): its owner, 255 if free */
byte depth;		/* and how many times it is held */
byte objects;		/* constructions so far */
bool initialized[MAXOBJ + 1];	/* each object's _initialized */
byte envvars[MAXOBJ + 1];	/* how many times __init__ assigned _env_vars */
bool handed[MAXOBJ + 1];	/* an instance was handed to a caller */
byte first;		/* the first instance a caller obtained */
bool imported;

/* The oracles are assertions, one per kind of violation; a full search
 * with pan -c0 goes on past each and counts them all. */

inline lock(me) {
	atomic { (owner == 255 || owner == me) -> owner = me; depth++ }
}

inline unlock(me) {
	atomic { depth--; if :: depth == 0 -> owner = 255 :: else -> skip fi }
}

/* __new__: the class-level double-checked singleton; r gets what it returns. */
inline new_(me, r) {
	if
	:: instance == 0 ->
		lock(me);
		if
		:: instance == 0 ->
			atomic { objects++; r = objects; assert(objects <= 1) /* multiple-construction */ };
			instance = r
		:: else -> skip
		fi;
		unlock(me)
	:: else -> skip
	fi;
	r = instance
}

/* __init__: check-then-set of _initialized, no lock. */
inline init_(r) {
	if
	:: initialized[r] -> skip
	:: else ->
		atomic { assert(!(envvars[r] > 0 && handed[r])) /* reinitialization */; envvars[r]++ };
		initialized[r] = true
	fi
}

/* A constructor call: __new__, then __init__ if __new__ returned an instance. */
inline construct(me, r) {
	new_(me, r);
	if :: r != 0 -> init_(r) :: else -> skip fi
}

/* A caller obtains r: the singleton contract's oracles. */
inline obtain(r) {
	atomic {
		assert(r != 0) /* nil-instance */;
		if
		:: r != 0 ->
			assert(envvars[r] > 0) /* partial-init */;
			handed[r] = true;
			if
			:: first == 0 -> first = r
			:: else -> assert(first == r) /* divergent-instances */
			fi
		:: else -> skip
		fi
	}
}

/* Callers: entry point i % 3 as in the default workload: get_env(), the
 * constructor, get_instance() (which is the constructor). */
proctype caller(byte me) {
	byte r;
	imported;
	if
	:: me % 3 == 0 -> r = env
	:: else -> construct(me, r)
	fi;
	obtain(r)
}

/* The fixture: IsolatedEnvironment._instance = None, once. */
proctype fixture() {
	imported;
	instance = 0
}

init {
	byte r, i;
	construct(254, r);	/* the module body at import */
	env = r;
	imported = true;
	atomic {
		for (i : 0 .. N - 1) { run caller(i) }
		run fixture()
	}
}

